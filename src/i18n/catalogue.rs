//! The string catalogue: every interface text, written once in English and in Arabic.
//!
//! `texts` are plain strings with `{name}` placeholders. `counts` are texts chosen by a number:
//! English gives the forms `one` and `other`, Arabic all six CLDR categories (`zero`, `one`, `two`,
//! `few`, `many`, `other`); `{n}` is the number, written for the language. A count used inside a
//! sentence ("{n} articles", "مقالتان") is a phrase of its own, so the sentence does not depend on
//! the number; a sentence whose words agree with the number is a count itself. The `_of` phrases
//! are the Arabic oblique case (after a preposition, or as an object), where the dual differs:
//! "مقالتان" / "من مقالتين"; in English they are the same as the plain ones.
//!
//! A form missing in either language does not compile; a test checks that the placeholders agree.

use super::plural::Category;
use super::Lang;

/// The forms of a count, by plural category.
#[derive(Debug, PartialEq, Eq)]
pub struct Forms {
    pub zero: &'static str,
    pub one: &'static str,
    pub two: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub other: &'static str,
}

impl Forms {
    /// English has two forms: `one`, and `other` for every other number.
    const fn english(one: &'static str, other: &'static str) -> Forms {
        Forms { zero: other, one, two: other, few: other, many: other, other }
    }

    pub fn pick(&self, c: Category) -> &'static str {
        match c {
            Category::Zero => self.zero,
            Category::One => self.one,
            Category::Two => self.two,
            Category::Few => self.few,
            Category::Many => self.many,
            Category::Other => self.other,
        }
    }

    /// Every form (for tests).
    pub fn all(&self) -> [&'static str; 6] {
        [self.zero, self.one, self.two, self.few, self.many, self.other]
    }
}

macro_rules! catalogue {
    (
        texts { $($key:ident: $en:literal / $ar:literal,)* }
        counts { $($ckey:ident: [$eone:literal, $eother:literal] /
            [$azero:literal, $aone:literal, $atwo:literal, $afew:literal, $amany:literal, $aother:literal],)* }
    ) => {
        /// The interface strings of one language.
        #[derive(Debug, PartialEq, Eq)]
        pub struct Strings {
            pub lang: Lang,
            $(pub $key: &'static str,)*
            $(pub $ckey: Forms,)*
        }
        pub static EN: Strings = Strings {
            lang: Lang::En,
            $($key: $en,)*
            $($ckey: Forms::english($eone, $eother),)*
        };
        pub static AR: Strings = Strings {
            lang: Lang::Ar,
            $($key: $ar,)*
            $($ckey: Forms { zero: $azero, one: $aone, two: $atwo, few: $afew, many: $amany, other: $aother },)*
        };
        /// A text of the catalogue, named without a language (for messages kept in the state and
        /// worded when shown).
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TextKey { $($key,)* }
        /// A count of the catalogue, named without a language.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum CountKey { $($ckey,)* }
        impl Strings {
            pub fn text(&self, key: TextKey) -> &'static str {
                match key { $(TextKey::$key => self.$key,)* }
            }
            pub fn forms(&self, key: CountKey) -> &Forms {
                match key { $(CountKey::$ckey => &self.$ckey,)* }
            }
        }
        /// Every text with its two languages, for tests (placeholders must match across languages).
        pub const ALL: &[(&str, &str, &str)] = &[$((stringify!($key), $en, $ar),)*];
        /// Every count: English one and other, Arabic zero, one, two, few, many, other.
        pub const ALL_COUNTS: &[(&str, [&str; 2], [&str; 6])] =
            &[$((stringify!($ckey), [$eone, $eother], [$azero, $aone, $atwo, $afew, $amany, $aother]),)*];
    };
}

catalogue! {
texts {
    // ---- app shell ----
    tagline: "Entities and quotes in news text, annotated in your browser. Nothing leaves this device." /
        "الكيانات والاقتباسات في نصوص الأخبار، تُوسَم في متصفحك. لا شيء يغادر هذا الجهاز.",
    switch_language: "العربية" / "English",
    switch_language_title: "Show the interface in Arabic" / "اعرض الواجهة بالإنجليزية",
    update_ready: "A new version of Sanad is ready." / "إصدار جديد من سند جاهز.",
    update_reload: "Reload to update" / "أعد التحميل للتحديث",
    storage_loading: "Opening your library…" / "جارٍ فتح مكتبتك…",
    storage_saved: "Saved in this browser" / "محفوظ في هذا المتصفح",
    storage_memory: "Not saved: browser storage is unavailable" / "غير محفوظ: تخزين المتصفح غير متاح",
    storage_banner: "Your work is not being saved in this browser. It is kept in this tab: export the project to keep it." /
        "عملك لا يُحفظ في هذا المتصفح. إنه باقٍ في هذا التبويب: صدّر المشروع لتحتفظ به.",
    storage_export_now: "Export the project (JSON)" / "صدّر المشروع (JSON)",
    storage_retry: "Try saving again" / "أعد محاولة الحفظ",
    tab_read_only: "This project is open in another tab: this tab is read-only, so neither overwrites the other." /
        "هذا المشروع مفتوح في تبويب آخر: هذا التبويب للقراءة فقط كي لا يكتب أحدهما فوق الآخر.",
    tab_lost: "Another tab took over this project: this tab is now read-only." /
        "تبويب آخر تولّى هذا المشروع: صار هذا التبويب للقراءة فقط.",
    tab_take_over: "Edit in this tab instead" / "حرّر في هذا التبويب بدلًا منه",
    read_only_refused: "This tab is read-only: the project is being edited in another tab." /
        "هذا التبويب للقراءة فقط: المشروع يُحرَّر في تبويب آخر.",
    tag_progress: "Suggesting entities: {done} of {total}" / "اقتراح الكيانات: {done} من {total}",
    cancel: "Cancel" / "إلغاء",
    tag_pending: "Finding entities…" / "جارٍ البحث عن الكيانات…",
    tag_done: "{n} from the tagger ({tokens} in {ms} ms, in a background worker)" /
        "{n} من الموسِم ({tokens} في {ms} ملّي ثانية، في عامل خلفي)",
    welcome_title: "Open an article" / "افتح مقالة",
    welcome_text: "Pick one from the library, paste text, or drop .txt, .md, .json or .jsonl files anywhere on this page." /
        "اختر مقالة من المكتبة، أو الصق نصًا، أو أفلت ملفات ‎.txt أو ‎.md أو ‎.json أو ‎.jsonl في أي مكان من هذه الصفحة.",
    demo_damaged: "The demo library is damaged: {error}" / "مكتبة العرض التجريبي تالفة: {error}",
    saved_unreadable: "A saved article could not be read: {error}" / "تعذّرت قراءة مقالة محفوظة: {error}",
    pasted_text: "Pasted text" / "نص ملصوق",
    article_gone: "the article is gone" / "المقالة لم تعد موجودة",
    dismiss: "Dismiss" / "إغلاق",
    notices: "Messages" / "رسائل",

    // ---- library ----
    library: "Library" / "المكتبة",
    library_count: " ({total}, {done} done)" / " ({total}، المنجز {done})",
    doc_meta: " · {spans} · {quotes}" / " · {spans} · {quotes}",
    paste_label: "Paste an article" / "الصق مقالة",
    paste_placeholder: "Paste Arabic or English text here" / "الصق هنا نصًا عربيًا أو إنجليزيًا",
    paste_submit: "Add and open" / "أضف وافتح",
    import_label: "Open or import files: text, Sanad JSON/JSONL, Prodigy, doccano, Label Studio, brat (.zip, or .txt with .ann), CoNLL, W3C" /
        "افتح ملفات أو استوردها: نص، Sanad JSON/JSONL، Prodigy، doccano، Label Studio، brat (‎.zip أو ‎.txt مع ‎.ann)، CoNLL، W3C",
    import_hint: "Or drop files anywhere on the page." / "أو أفلت الملفات في أي مكان من الصفحة.",
    status_new: "new" / "جديدة",
    status_in_progress: "in progress" / "قيد العمل",
    status_done: "done" / "منجزة",
    status_skipped: "skipped" / "متروكة",
    import_added: "{source}: {added} added" / "{source}: أضيف {added}",
    import_duplicates: "; {n} already in the library" / "؛ سبق وجود {n} في المكتبة",
    library_search: "Search titles and text" / "ابحث في العناوين والنصوص",
    library_filter: "Status" / "الحالة",
    filter_all: "all" / "الكل",
    progress_done: "{done} of {total} done" / "أُنجز {done} من {total}",
    progress_by_label: "Annotations by label" / "الكيانات حسب الوسم",
    progress_suggestions: "{n} to review" / "{n} للمراجعة",
    library_no_match: "No article matches." / "لا مقالة تطابق البحث.",

    // ---- state messages ----
    edit_refused: "That change was not made: {error}" / "لم يُنفَّذ هذا التغيير: {error}",
    tag_failed: "No suggestions for this article: {error}" / "لا اقتراحات لهذه المقالة: {error}",
    nothing_to_undo: "Nothing to undo" / "لا شيء للتراجع عنه",
    nothing_to_redo: "Nothing to redo" / "لا شيء لإعادته",
    undone: "Undone: {what}" / "تم التراجع: {what}",
    redone: "Redone: {what}" / "أعيد: {what}",
    all_done: "Every article is done." / "أُنجزت كل المقالات.",
    storage_failed: "Could not save to browser storage ({error}). Your work is kept in this tab only; export it before closing." /
        "تعذّر الحفظ في تخزين المتصفح ({error}). عملك محفوظ في هذا التبويب فقط؛ صدّره قبل الإغلاق.",
    storage_unavailable: "IndexedDB is not available in this browser window" / "IndexedDB غير متاح في نافذة المتصفح هذه",
    stash_failed: "Browser storage is full: the changes not yet saved could not be set aside in case this page closes. Keep this tab open until they are saved, or export the project." /
        "تخزين المتصفح ممتلئ: تعذّر الاحتفاظ بالتغييرات التي لم تُحفظ بعد تحسّبًا لإغلاق هذه الصفحة. أبقِ هذا التبويب مفتوحًا حتى تُحفظ، أو صدّر المشروع.",
    stash_lost: "The last changes to {n} could not be kept when the page closed, because browser storage was full: {titles}" /
        "تعذّر الاحتفاظ بآخر التغييرات في {n} عند إغلاق الصفحة لأن تخزين المتصفح كان ممتلئًا: {titles}",
    list_separator: "; " / "؛ ",
    comma: ", " / "، ",

    // ---- article ----
    back_to_library: "← Library" / "→ المكتبة",
    article_meta: "{lang} · {chars} · {spans} · {quotes} · {suggested} to review" /
        "{lang} · {chars} · {spans} · {quotes} · {suggested} للمراجعة",
    labels: "Labels" / "الوسوم",
    quote_label: "Quote" / "اقتباس",
    undo: "Undo" / "تراجع",
    redo: "Redo" / "إعادة",
    accept_all: "Accept all suggestions" / "اقبل كل الاقتراحات",
    status: "Status" / "الحالة",
    done_next: "Done, next" / "منجزة، التالية",
    keys_button: "Keys (?)" / "المفاتيح (?)",
    keys_title: "Keyboard shortcuts" / "اختصارات لوحة المفاتيح",
    close: "Close" / "إغلاق",
    label_selection: "Label the selection" / "وسم التحديد",
    selected_span: "Selected {label}: {text}" / "المحدد {label}: {text}",
    selected_suggested: " (suggested: Enter accepts)" / " (مقترح: Enter للقبول)",
    selected_quote: "Selected a quote: edit it in the panel" / "اقتباس محدد: عدّله في اللوحة",
    picking_speaker: "Click an entity in the text to make it the speaker (Esc cancels)" /
        "انقر كيانًا في النص ليصبح القائل (Esc للإلغاء)",
    label_help: "label {name}:" / "الوسم {name}:",
    key_select: "select text, then a digit or a label" / "حدّد نصًا، ثم رقمًا أو وسمًا",
    key_select_do: "label the selection (snaps to whole words; hold Alt for exact characters)" /
        "يسِم التحديد (يلتقط كلمات كاملة؛ اضغط Alt لأحرف بعينها)",
    key_quote_do: "make the selection a quote" / "يجعل التحديد اقتباسًا",
    key_click: "click a mark" / "انقر علامة",
    key_click_do: "select it" / "يحددها",
    key_tab_do: "next / previous mark in reading order (also in Arabic)" / "العلامة التالية / السابقة بترتيب القراءة (في العربية أيضًا)",
    key_extend_do: "select with the keyboard: from the caret (click in the text) or the selected mark, extend the selection one character forward / backward in reading order; in Arabic paragraphs forward is leftwards on screen. Then a digit or Q labels it" /
        "التحديد بلوحة المفاتيح: من المؤشر (انقر في النص) أو من العلامة المحددة، يمدّ التحديد حرفًا إلى الأمام / إلى الوراء بترتيب القراءة؛ في الفقرات العربية الأمام نحو اليسار على الشاشة. ثم يوسمه رقم أو Q",
    key_extend_word_do: "the same, a word at a time" / "مثله، كلمةً كلمة",
    key_digit: "digit" / "رقم",
    key_digit_do: "relabel the selected mark" / "يغيّر وسم العلامة المحددة",
    key_start_do: "move the selected mark's start one word earlier / later (Alt: one character)" /
        "يحرّك بداية العلامة المحددة كلمة إلى الوراء / الأمام (Alt: حرفًا)",
    key_end_do: "move its end one word earlier / later (Alt: one character)" /
        "يحرّك نهايتها كلمة إلى الوراء / الأمام (Alt: حرفًا)",
    key_all_do: "label every other mention of the selected mark's name (clitics, diacritics, alef forms ignored)" /
        "يسِم كل ذكر آخر لاسم العلامة المحددة (مع تجاهل السوابق والتشكيل وصور الألف)",
    key_delete: "Delete or Backspace" / "Delete أو Backspace",
    key_delete_do: "remove the selected mark or quote" / "يحذف العلامة أو الاقتباس المحدد",
    key_enter_do: "accept the selected suggestion" / "يقبل الاقتراح المحدد",
    key_undo_do: "undo" / "تراجع",
    key_redo_do: "redo" / "إعادة",
    key_done_do: "mark the article done and open the next one" / "يعلّم المقالة منجزة ويفتح التالية",
    key_esc_do: "close the picker or this help; clear the selection" / "يغلق القائمة أو هذه المساعدة؛ يلغي التحديد",
    key_help_do: "show or hide this help" / "يعرض هذه المساعدة أو يخفيها",
    key_pick: "panel: Choose speaker in text" / "اللوحة: اختر القائل من النص",
    key_pick_do: "then click an entity: it becomes the quote's speaker" / "ثم انقر كيانًا: يصبح قائل الاقتباس",
    key_bounds: "panel: start / end buttons" / "اللوحة: أزرار البداية / النهاية",
    key_bounds_do: "move a quote's boundary by a word, in reading order" / "تحرّك حدّ الاقتباس كلمة بترتيب القراءة",
    ctrl_shift_z_or_y: "Ctrl+Shift+Z or Ctrl+Y" / "Ctrl+Shift+Z أو Ctrl+Y",
    mark_suggested: "suggested" / "مقترح",
    mark_confidence: "confidence {pct}%" / "الثقة {pct}٪",
    unknown_speaker: "unknown speaker" / "قائل غير معروف",
    quote_title: "{kind} quote · {who}" / "اقتباس {kind} · {who}",

    // ---- quotes panel ----
    who_said_what: "Who said what" / "من قال ماذا",
    no_quotes: "No quotes yet. Select text and press Q to add one." / "لا اقتباسات بعد. حدّد نصًا واضغط Q لإضافة اقتباس.",
    unattributed: "Unattributed" / "غير منسوب",
    kind: "Kind" / "النوع",
    kind_direct: "direct" / "مباشر",
    kind_reported: "reported" / "منقول",
    kind_mixed: "mixed" / "مختلط",
    suggested_suffix: " · suggested" / " · مقترح",
    choose_speaker: "Choose speaker in text" / "اختر القائل من النص",
    cancel_choosing: "Cancel choosing" / "ألغِ الاختيار",
    no_speaker: "No speaker" / "بلا قائل",
    accept: "Accept" / "اقبل",
    boundaries: "Boundaries" / "الحدود",
    start_earlier: "Start one word earlier" / "ابدأ قبل كلمة",
    start_later: "Start one word later" / "ابدأ بعد كلمة",
    end_earlier: "End one word earlier" / "انتهِ قبل كلمة",
    end_later: "End one word later" / "انتهِ بعد كلمة",
    start_earlier_short: "⇤ start" / "بداية أسبق",
    start_later_short: "start ⇥" / "بداية أبعد",
    end_earlier_short: "⇤ end" / "نهاية أسبق",
    end_later_short: "end ⇥" / "نهاية أبعد",
    delete_quote: "Delete quote" / "احذف الاقتباس",

    // ---- import ----
    import_reading: "Reading files…" / "جارٍ قراءة الملفات…",
    import_read_progress: "{done} of {total} MB read ({pct}%)" / "قُرئ {done} من {total} ميغابايت ({pct}٪)",
    import_preview: "Import preview" / "معاينة الاستيراد",
    import_counts: "{docs} · {spans} · {quotes} ({speakers} with a speaker)" /
        "{docs} · {spans} · {quotes} ({speakers} منها بقائل)",
    import_label_col: "Label" / "الوسم",
    import_count_col: "Spans" / "المواضع",
    import_as_suggestions: " as suggestions to review" / " اقتراحاتٍ للمراجعة",
    import_as_editor: " as the editor's annotations" / " وسومًا للمحرر",
    import_target: "Where" / "إلى أين",
    import_merge: " Add to this library (articles already here are merged)" / " أضِف إلى هذه المكتبة (تُدمج المقالات الموجودة)",
    import_new_project: " Into a new project named" / " إلى مشروع جديد اسمه",
    import_project_name: "Name of the new project" / "اسم المشروع الجديد",
    import_merge_summary: "{added} new · {renamed} renamed (their id is used by another text) · {merged} merged into articles already here · {unchanged} already here unchanged · {conflicts}" /
        "{added} جديدة · {renamed} أعيدت تسميتها (معرّفها لنص آخر) · {merged} دُمجت في مقالات موجودة · {unchanged} موجودة دون تغيير · {conflicts}",
    import_conflicts: "Conflicts ({n}) and how they are resolved" / "التعارضات ({n}) وكيف تُحل",
    import_conflict_text: "this id is used by another text here; the imported article is added as {to}" /
        "هذا المعرّف لنص آخر هنا؛ تُضاف المقالة المستوردة باسم {to}",
    import_conflict_overlap: "imported {imported} overlaps {existing}: {how}" / "المستورد {imported} يتداخل مع {existing}: {how}",
    import_item: "{label} «{text}» ({start}–{end}){who}" / "{label} «{text}» (من {start} إلى {end}){who}",
    import_suggestion: ", a suggestion" / "، اقتراح",
    import_kept: "the library's is kept, the imported one is left out" / "يبقى ما في المكتبة ويُترك المستورد",
    import_replaced: "the suggestions give way to the imported one" / "تُفسح الاقتراحات مكانها للمستورد",
    import_confirm: "Import {n}" / "استورد {n}",
    import_confirm_skip: "Import {n}, skipping {bad}" / "استورد {n} وتخطَّ {bad}",
    import_nothing: "{file}: nothing to import" / "{file}: لا شيء للاستيراد",
    import_cancelled: "Import cancelled: nothing changed" / "أُلغي الاستيراد: لم يتغير شيء",
    import_conflicts_done: "; {n} resolved, nothing already here was lost" / "؛ حُل {n} دون فقدان شيء مما كان هنا",

    // ---- agreement between annotators, their layers, curation (issue 16) ----
    // Import as layers.
    import_how: "How" / "كيف",
    import_how_merge: " Merge into the articles' annotations" / " ادمجها في وسوم المقالات",
    import_how_layers: " As annotator layers: each file is one annotator's work, kept apart from the gold" /
        " طبقاتٍ للمعلّقين: كل ملف عمل معلّق واحد، يُحفظ منفصلًا عن المرجع",
    import_layer_name: "Annotator of {file}" / "معلّق الملف {file}",
    import_layers_summary: "{layers}: {by_id} joined to articles with the same id, {by_text} to the same text under another id, {new} new articles, {replaced} replacing an earlier layer of the same annotator · {conflicts}" /
        "{layers}: {by_id} أُلحقت بمقالات لها المعرّف نفسه، و{by_text} بالنص نفسه تحت معرّف آخر، و{new} مقالات جديدة، و{replaced} تحل محل طبقة سابقة للمعلّق نفسه · {conflicts}",
    import_layer_other_text: "{annotator}: this id names another text here; the article is added as {to} (text {fingerprint}), never joined" /
        "{annotator}: هذا المعرّف لنص آخر هنا؛ تُضاف المقالة باسم {to} (النص {fingerprint}) ولا تُدمج",
    import_layer_duplicate: "{annotator}: the files hold this text twice (also as {ignored}); the first is used" /
        "{annotator}: في الملفات هذا النص مرتين (وأيضًا باسم {ignored})؛ يؤخذ الأول",
    import_layer_refused: "{annotator}: the layer was not added: {reason}" / "{annotator}: لم تُضف الطبقة: {reason}",
    import_conflict_layer: "the article already has another layer of {annotator}: it is kept" /
        "للمقالة طبقة أخرى للمعلّق {annotator}: تبقى كما هي",
    import_layers_done: "{source}: {layers} of {annotators} added" / "{source}: أضيف {layers} من {annotators}",
    // The article's layers.
    layer_show: "Show" / "اعرض",
    layer_gold: "Gold (editable)" / "المرجع (قابل للتحرير)",
    layer_all: "Gold and every annotator" / "المرجع وكل المعلّقين",
    layer_of: "{annotator} (read-only)" / "{annotator} (للقراءة فقط)",
    layer_readonly: "This is {annotator}'s layer: read-only. Press V to show the gold layer and edit." /
        "هذه طبقة {annotator}: للقراءة فقط. اضغط V لعرض المرجع والتحرير فيه.",
    layer_mark_title: "{annotator}: {label}" / "{annotator}: {label}",
    layer_quote_title: "{annotator}: {kind} quote" / "{annotator}: اقتباس {kind}",
    layer_legend: "Annotators" / "المعلّقون",
    // Curation.
    curate_start: "Curate" / "نقّح",
    curate_stop: "Stop curating" / "أوقف التنقيح",
    curation_title: "Curation" / "التنقيح",
    curation_intro: "What every annotator agrees on is in the gold layer. Settle each disagreement: take a side (1–{n}), reject all (X), or edit the gold." /
        "ما اتفق عليه كل المعلّقين في المرجع. احسم كل اختلاف: خذ برأي أحدهم (١–{n})، أو ارفض الكل (X)، أو حرّر المرجع.",
    curation_progress: "{done} of {total} settled" / "حُسم {done} من {total}",
    curation_agree: "The annotators agree everywhere: nothing to settle." / "اتفق المعلّقون في كل موضع: لا شيء للحسم.",
    curation_what_span: "entities" / "كيانات",
    curation_what_quote: "quote" / "اقتباس",
    curation_nothing: "nothing" / "لا شيء",
    curation_open: "not settled" / "لم يُحسم",
    curation_took: "took {annotator}'s side" / "أُخذ برأي {annotator}",
    curation_edited: "edited by hand" / "حُرّر يدويًا",
    curation_rejected: "rejected" / "رُفض",
    curation_take: "Take this side" / "خذ بهذا الرأي",
    curation_reject: "Reject all" / "ارفض الكل",
    curation_next: "Next" / "التالي",
    curation_previous: "Previous" / "السابق",
    curation_position: "Disagreement {i} of {n}: {what} at «{text}»" / "الاختلاف {i} من {n}: {what} عند «{text}»",
    curation_said: "{label} «{text}»" / "{label} «{text}»",
    curation_gold_now: "Gold now: {what}" / "المرجع الآن: {what}",
    curation_list: "Disagreements" / "الاختلافات",
    curation_merged: "Pre-merged: {n}" / "دُمج مسبقًا: {n}",
    key_curate_do: "start or stop curating (the annotators' agreement is pre-merged into the gold)" /
        "يبدأ التنقيح أو يوقفه (يُدمج ما اتفق عليه المعلّقون في المرجع مسبقًا)",
    key_view_do: "show the gold layer, each annotator's layer, or all of them" / "يعرض المرجع أو طبقة كل معلّق أو كلها",
    key_positions_do: "curating: next / previous disagreement in reading order" / "عند التنقيح: الاختلاف التالي / السابق بترتيب القراءة",
    key_take: "1 … 9 (curating)" / "١ … ٩ (عند التنقيح)",
    key_take_do: "take annotator n's side at the current disagreement (with text selected, a digit labels it)" /
        "يأخذ برأي المعلّق رقم n في الاختلاف الحالي (ومع تحديد نص يسِمه الرقم)",
    key_reject_do: "curating: reject everything said at the current disagreement" / "عند التنقيح: يرفض كل ما قيل في الاختلاف الحالي",
    sum_curation_begun: "Curation begun: {added} all agree on, {positions} to settle" /
        "بدأ التنقيح: {added} اتفق عليها الجميع، و{positions} للحسم",
    sum_settled_took: "Took {annotator}'s side at {text}" / "أُخذ برأي {annotator} عند {text}",
    sum_settled_rejected: "Rejected everything at {text}" / "رُفض كل ما قيل عند {text}",
    sum_settled_edited: "Settled {text} as edited" / "حُسم {text} بالتحرير",
    // The agreement view.
    agreement_button: "Agreement between annotators" / "الاتفاق بين المعلّقين",
    agreement_title: "Agreement between annotators" / "الاتفاق بين المعلّقين",
    agreement_intro: "{annotators} on {docs}, {shared} of them annotated by every annotator. Each measure and its source: docs/AGREEMENT.md." /
        "{annotators} على {docs}، منها {shared} وسمها كل المعلّقين. كل مقياس ومصدره: docs/AGREEMENT.md.",
    agreement_close: "← Library" / "→ المكتبة",
    agreement_pairs: "Pairs of annotators" / "أزواج المعلّقين",
    agreement_group: "All annotators together" / "كل المعلّقين معًا",
    agreement_labels: "Per label (all annotators)" / "لكل وسم (كل المعلّقين)",
    agreement_docs: "Articles, most disagreement first" / "المقالات، الأكثر اختلافًا أولًا",
    agreement_matrix_label: "{measure}: one cell per pair of annotators" / "{measure}: خانة لكل زوج من المعلّقين",
    agreement_bars_label: "{measure} per label" / "{measure} لكل وسم",
    agreement_time: "Computed in {ms} ms" / "حُسب في {ms} ملّي ثانية",
    agreement_curate: "Curate" / "نقّح",
    m_f1_exact: "Span F1, exact" / "F1 للمواضع، تطابق تام",
    m_f1_overlap: "Span F1, overlap" / "F1 للمواضع، تداخل",
    m_cohen: "Cohen's kappa (tokens)" / "كابا كوهين (الوحدات)",
    m_cohen_mean: "Cohen's kappa, mean of pairs" / "كابا كوهين، متوسط الأزواج",
    m_fleiss: "Fleiss' kappa" / "كابا فلايس",
    m_alpha_nominal: "Krippendorff's alpha, nominal" / "ألفا كريبندورف، اسمي",
    m_alpha_unitizing: "Unitizing alpha (code points)" / "ألفا التقطيع (نقاط الترميز)",
    m_quote_f1: "Quote F1, exact / overlap" / "F1 للاقتباسات، تام / تداخل",
    m_quote_speakers: "Quote speakers agreeing" / "اتفاق قائلي الاقتباسات",
    m_quote_kinds: "Quote kinds agreeing" / "اتفاق أنواع الاقتباسات",
    col_measure: "Measure" / "المقياس",
    col_value: "Value" / "القيمة",
    col_label: "Label" / "الوسم",
    col_spans: "Spans per annotator" / "المواضع لكل معلّق",
    col_article: "Article" / "المقالة",
    col_disagreements: "Disagreements" / "الاختلافات",
    col_annotators: "Annotators" / "المعلّقون",
    ratio: "{agree}/{total}" / "{agree}/{total}",
    why_no_items: "undefined: nothing to compare" / "غير معرّف: لا شيء للمقارنة",
    why_few_annotators: "undefined: fewer than two annotators" / "غير معرّف: أقل من معلّقَين",
    why_one_category: "undefined: one category throughout" / "غير معرّف: فئة واحدة في كل مكان",
    why_nothing_marked: "undefined: nothing marked" / "غير معرّف: لا شيء موسوم",
    why_no_expected: "undefined: no expected disagreement" / "غير معرّف: لا اختلاف متوقع",

    // ---- export ----
    export: "Export" / "تصدير",
    format: "Format" / "الصيغة",
    export_all: " all articles (not only those marked done)" / " كل المقالات (لا المنجزة فقط)",
    export_utf16: " UTF-16 offsets, for JavaScript (labelled in the file)" / " مواضع UTF-16 لجافاسكربت (مذكورة في الملف)",
    export_split_clitics: " Arabic proclitics (و ف ب ل ك) as tokens of their own" / " السوابق العربية (و ف ب ل ك) وحداتٍ مستقلة",
    download: "Download" / "نزّل",
    library_file_title: "Sanad library" / "مكتبة سند",
    saved_library: "Saved the whole library ({n}) as {name}" / "حُفظت المكتبة كلها ({n}) باسم {name}",
    exported: "Exported {docs} ({spans}, {quotes}) as {name}, offsets in {unit}" /
        "صُدّرت {docs} ({spans}، {quotes}) باسم {name}، والمواضع بوحدة {unit}",
    unit_utf16: "UTF-16 units (for JavaScript)" / "وحدات UTF-16 (لجافاسكربت)",
    unit_codepoints: "code points" / "نقاط الترميز",
    export_failed: "Export failed: {error}" / "تعذّر التصدير: {error}",
    export_progress: "Exporting: {done} of {total}" / "جارٍ التصدير: {done} من {total}",
    export_cancelled: "Export cancelled" / "أُلغي التصدير",

    // ---- what an edit did (status line, undo and redo) ----
    sum_labelled: "Labelled {text} {label}" / "وُسم {text} بـ{label}",
    sum_removed: "Removed {label} {text}" / "حُذف {label} {text}",
    sum_already_label: "Already {label}" / "موسوم {label} من قبل",
    sum_relabelled: "Relabelled {text} {old} → {new}" / "تغيّر وسم {text} من {old} إلى {new}",
    sum_span_unchanged: "The span already has these boundaries" / "للكيان هذه الحدود من قبل",
    sum_span_now: "{label} is now {text}" / "صار {label} الآن {text}",
    sum_accepted: "Accepted {label} {text}" / "قُبل {label} {text}",
    sum_nothing_to_accept: "Nothing to accept" / "لا شيء لقبوله",
    sum_accepted_all: "Accepted {spans} and {quotes}" / "قُبل {spans} و{quotes}",
    sum_accepted_some: "Accepted {what}" / "قُبل {what}",
    sum_no_other_mention: "No other unlabelled mention of {text}" / "لا ذكر آخر غير موسوم لـ{text}",
    sum_labelled_mentions: "Labelled {n} of {text}" / "وُسم {n} لـ{text}",
    sum_added_quote: "Added a {kind} quote" / "أضيف اقتباس {kind}",
    sum_removed_quote: "Removed the quote “{text}”" / "حُذف الاقتباس «{text}»",
    sum_quote_kind_already: "The quote is already {kind}" / "الاقتباس {kind} من قبل",
    sum_quote_kind_set: "Made the quote {kind}" / "صار الاقتباس {kind}",
    sum_quote_unchanged: "The quote already has these boundaries" / "للاقتباس هذه الحدود من قبل",
    sum_quote_now: "The quote is now “{text}”" / "صار الاقتباس «{text}»",
    sum_accepted_quote: "Accepted the quote" / "قُبل الاقتباس",
    sum_speaker_unchanged: "The quote already has this speaker" / "للاقتباس هذا القائل من قبل",
    sum_speaker: "Speaker: {name}" / "القائل: {name}",
    sum_speaker_removed: "Removed the speaker" / "حُذف القائل",
    sum_status_already: "Already {status}" / "الحالة {status} من قبل",
    sum_status_set: "Marked {status}" / "صارت الحالة {status}",
    sum_label_already_called: "{from} is already called {to}" / "اسم {from} هو {to} من قبل",
    sum_renamed_label: "Renamed {from} to {to} on {n}" / "أعيدت تسمية {from} إلى {to} في {n}",
    sum_deleted_label: "Deleted {name} and {n}" / "حُذف {name} و{n}",
    sum_no_change: "No change" / "لا تغيير",

    // ---- project settings: labels and Arabic proclitics ----
    settings_button: "Labels and settings" / "الوسوم والإعدادات",
    settings_title: "Project settings" / "إعدادات المشروع",
    label_name: "Name" / "الاسم",
    label_color: "Colour" / "اللون",
    label_key: "Key" / "المفتاح",
    label_description: "Guideline (shown on hover)" / "الإرشاد (يظهر عند التمرير)",
    label_add: "Add a label" / "أضف وسمًا",
    label_delete: "Delete" / "احذف",
    label_delete_remove: "Remove those spans" / "احذف تلك الكيانات",
    label_delete_relabel: "Give them another label:" / "أعطها وسمًا آخر:",
    label_delete_confirm: "Delete {name}" / "احذف {name}",
    schema_undo: "Undo the last label change" / "تراجع عن آخر تغيير في الوسوم",
    schema_refused: "The labels were not changed: {error}" / "لم تتغير الوسوم: {error}",
    schema_renamed: "Renamed {from} to {to} ({n} changed)" / "أعيدت تسمية {from} إلى {to} (تغيرت {n})",
    schema_deleted: "Deleted the label {name} ({n} changed)" / "حُذف الوسم {name} (تغيرت {n})",
    schema_undone: "The last label change was undone" / "تم التراجع عن آخر تغيير في الوسوم",
    schema_undo_partial: "The last label change was undone, except in {n} edited since" /
        "تم التراجع عن آخر تغيير في الوسوم إلا فيما عُدّل بعده: {n}",
    default_project_name: "My library" / "مكتبتي",
    import_project_default: "Import" / "استيراد",
    projects_title: "Projects" / "المشاريع",
    project_name: "Name of this project" / "اسم هذا المشروع",
    project_switch: "Open another project" / "افتح مشروعًا آخر",
    project_new: "New empty project" / "مشروع جديد فارغ",
    project_new_name: "New project" / "مشروع جديد",
    project_duplicate: "Duplicate this project" / "انسخ هذا المشروع",
    project_copy_name: "{name} (copy)" / "{name} (نسخة)",
    project_delete: "Delete this project…" / "احذف هذا المشروع…",
    project_delete_ask: "Delete {name} and its {n} from this browser? This cannot be undone: export it first to keep a copy." /
        "أتحذف {name} وما فيه ({n}) من هذا المتصفح؟ لا يمكن التراجع عن ذلك: صدّره أولًا لتحتفظ بنسخة.",
    project_delete_confirm: "Delete the project" / "احذف المشروع",
    clitics_title: "Arabic proclitics when a selection is snapped" / "السوابق العربية عند ضبط التحديد",
    clitics_strip: "Leave a leading و ف ب ل ك out of the span: لروسيا → روسيا" /
        "أخرج و ف ب ل ك من بداية الكيان: لروسيا ← روسيا",
    clitics_keep: "Keep them in the span, as ANERcorp does: لروسيا" / "أبقها في الكيان كما في ANERcorp: لروسيا",
}
counts {
    // ---- phrases: a number and its noun ----
    articles: ["{n} article", "{n} articles"] /
        ["{n} مقالة", "مقالة واحدة", "مقالتان", "{n} مقالات", "{n} مقالة", "{n} مقالة"],
    articles_of: ["{n} article", "{n} articles"] /
        ["{n} مقالة", "مقالة واحدة", "مقالتين", "{n} مقالات", "{n} مقالة", "{n} مقالة"],
    entities: ["{n} entity", "{n} entities"] /
        ["{n} كيان", "كيان واحد", "كيانان", "{n} كيانات", "{n} كيانًا", "{n} كيان"],
    entity_spans: ["{n} entity span", "{n} entity spans"] /
        ["{n} كيان موسوم", "كيان موسوم واحد", "كيانان موسومان", "{n} كيانات موسومة", "{n} كيانًا موسومًا", "{n} كيان موسوم"],
    spans: ["{n} span", "{n} spans"] /
        ["{n} كيان", "كيان واحد", "كيانان", "{n} كيانات", "{n} كيانًا", "{n} كيان"],
    spans_of: ["{n} span", "{n} spans"] /
        ["{n} كيان", "كيان واحد", "كيانين", "{n} كيانات", "{n} كيانًا", "{n} كيان"],
    quotes: ["{n} quote", "{n} quotes"] /
        ["{n} اقتباس", "اقتباس واحد", "اقتباسان", "{n} اقتباسات", "{n} اقتباسًا", "{n} اقتباس"],
    suggestions: ["{n} suggestion", "{n} suggestions"] /
        ["{n} اقتراح", "اقتراح واحد", "اقتراحان", "{n} اقتراحات", "{n} اقتراحًا", "{n} اقتراح"],
    characters: ["{n} character", "{n} characters"] /
        ["{n} حرف", "حرف واحد", "حرفان", "{n} أحرف", "{n} حرفًا", "{n} حرف"],
    tokens: ["{n} token", "{n} tokens"] /
        ["{n} وحدة", "وحدة واحدة", "وحدتان", "{n} وحدات", "{n} وحدة", "{n} وحدة"],
    conflicts: ["{n} conflict", "{n} conflicts"] /
        ["{n} تعارض", "تعارض واحد", "تعارضان", "{n} تعارضات", "{n} تعارضًا", "{n} تعارض"],
    bad_records_of: ["{n} bad record", "{n} bad records"] /
        ["{n} سجل معيب", "سجلًا معيبًا واحدًا", "سجلين معيبين", "{n} سجلات معيبة", "{n} سجلًا معيبًا", "{n} سجل معيب"],
    changes: ["{n} change", "{n} changes"] /
        ["{n} تغيير", "تغيير واحد", "تغييران", "{n} تغييرات", "{n} تغييرًا", "{n} تغيير"],
    more_mentions: ["{n} more mention", "{n} more mentions"] /
        ["{n} موضع آخر", "موضع آخر", "موضعان آخران", "{n} مواضع أخرى", "{n} موضعًا آخر", "{n} موضع آخر"],

    // ---- agreement between annotators, their layers, curation (issue 16) ----
    annotators: ["{n} annotator", "{n} annotators"] /
        ["{n} معلّق", "معلّق واحد", "معلّقان", "{n} معلّقين", "{n} معلّقًا", "{n} معلّق"],
    annotators_of: ["{n} annotator", "{n} annotators"] /
        ["{n} معلّق", "معلّق واحد", "معلّقَين", "{n} معلّقين", "{n} معلّقًا", "{n} معلّق"],
    layers: ["{n} layer", "{n} layers"] /
        ["{n} طبقة", "طبقة واحدة", "طبقتان", "{n} طبقات", "{n} طبقة", "{n} طبقة"],
    layers_of: ["{n} layer", "{n} layers"] /
        ["{n} طبقة", "طبقة واحدة", "طبقتين", "{n} طبقات", "{n} طبقة", "{n} طبقة"],
    disagreements: ["{n} disagreement", "{n} disagreements"] /
        ["{n} اختلاف", "اختلاف واحد", "اختلافان", "{n} اختلافات", "{n} اختلافًا", "{n} اختلاف"],
    annotations: ["{n} annotation", "{n} annotations"] /
        ["{n} علامة", "علامة واحدة", "علامتان", "{n} علامات", "{n} علامة", "{n} علامة"],

    // ---- sentences whose words agree with a number ----
    import_renamed: [" ({n} renamed: its id was taken)", " ({n} renamed: their id was taken)"] /
        [" (أعيدت تسمية {n} مقالة: معرّفاتها مستخدمة)", " (أعيدت تسمية مقالة واحدة: معرّفها مستخدم)",
         " (أعيدت تسمية مقالتين: معرّفاهما مستخدمان)", " (أعيدت تسمية {n} مقالات: معرّفاتها مستخدمة)",
         " (أعيدت تسمية {n} مقالة: معرّفاتها مستخدمة)", " (أعيدت تسمية {n} مقالة: معرّفاتها مستخدمة)"],
    import_merged: ["; {n} merged into articles already here ({spans}, {quotes} added)",
        "; {n} merged into articles already here ({spans}, {quotes} added)"] /
        ["؛ دُمجت {n} مقالة في مقالات موجودة (أضيف {spans} و{quotes})",
         "؛ دُمجت مقالة واحدة في مقالة موجودة (أضيف {spans} و{quotes})",
         "؛ دُمجت مقالتان في مقالتين موجودتين (أضيف {spans} و{quotes})",
         "؛ دُمجت {n} مقالات في مقالات موجودة (أضيف {spans} و{quotes})",
         "؛ دُمجت {n} مقالة في مقالات موجودة (أضيف {spans} و{quotes})",
         "؛ دُمجت {n} مقالة في مقالات موجودة (أضيف {spans} و{quotes})"],
    import_model_spans: ["{n} span or quote comes from a model or does not say who made it. Bring it in:",
        "{n} spans and quotes come from a model or do not say who made them. Bring them in:"] /
        ["{n} من المواضع والاقتباسات مصدرها نموذج أو لا يُعرف من وسمها. أدخِلها:",
         "موضع واحد أو اقتباس واحد مصدره نموذج أو لا يُعرف من وسمه. أدخِله:",
         "{n} من المواضع والاقتباسات مصدرها نموذج أو لا يُعرف من وسمها. أدخِلها:",
         "{n} من المواضع والاقتباسات مصدرها نموذج أو لا يُعرف من وسمها. أدخِلها:",
         "{n} من المواضع والاقتباسات مصدرها نموذج أو لا يُعرف من وسمها. أدخِلها:",
         "{n} من المواضع والاقتباسات مصدرها نموذج أو لا يُعرف من وسمها. أدخِلها:"],
    import_new_project_summary: [
        "{n} article goes into the new project; this library stays as it is. The page then opens the new project.",
        "{n} articles go into the new project; this library stays as it is. The page then opens the new project."] /
        ["تدخل {n} مقالة المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد.",
         "تدخل مقالة واحدة المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد.",
         "تدخل مقالتان المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد.",
         "تدخل {n} مقالات المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد.",
         "تدخل {n} مقالة المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد.",
         "تدخل {n} مقالة المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد."],
    import_problems: ["Problems ({problems}); {n} record with problems is skipped",
        "Problems ({problems}); {n} records with problems are skipped"] /
        ["مشكلات ({problems})؛ يُتخطّى {n} سجل فيه مشكلات", "مشكلات ({problems})؛ يُتخطّى سجل واحد فيه مشكلات",
         "مشكلات ({problems})؛ يُتخطّى سجلان فيهما مشكلات", "مشكلات ({problems})؛ تُتخطّى {n} سجلات فيها مشكلات",
         "مشكلات ({problems})؛ يُتخطّى {n} سجلًا فيها مشكلات", "مشكلات ({problems})؛ يُتخطّى {n} سجل فيها مشكلات"],
    export_nothing: [
        "Nothing to export: {n} article is not marked done. Mark it done, or tick \"all articles\".",
        "Nothing to export: {n} articles are not marked done. Mark them done, or tick \"all articles\"."] /
        ["لا شيء للتصدير: {n} مقالة غير معلَّمة منجزة. علّمها منجزة، أو اختر \"كل المقالات\".",
         "لا شيء للتصدير: مقالة واحدة غير معلَّمة منجزة. علّمها منجزة، أو اختر \"كل المقالات\".",
         "لا شيء للتصدير: مقالتان غير معلَّمتين منجزتين. علّمهما منجزتين، أو اختر \"كل المقالات\".",
         "لا شيء للتصدير: {n} مقالات غير معلَّمة منجزة. علّمها منجزة، أو اختر \"كل المقالات\".",
         "لا شيء للتصدير: {n} مقالة غير معلَّمة منجزة. علّمها منجزة، أو اختر \"كل المقالات\".",
         "لا شيء للتصدير: {n} مقالة غير معلَّمة منجزة. علّمها منجزة، أو اختر \"كل المقالات\"."],
    export_left_out: ["; {n} not marked done was left out", "; {n} not marked done were left out"] /
        ["؛ استُبعدت {n} مقالة غير منجزة", "؛ استُبعدت مقالة واحدة غير منجزة", "؛ استُبعدت مقالتان غير منجزتين",
         "؛ استُبعدت {n} مقالات غير منجزة", "؛ استُبعدت {n} مقالة غير منجزة", "؛ استُبعدت {n} مقالة غير منجزة"],
    export_dropped: ["; {n} thing this format cannot carry was left out", "; {n} things this format cannot carry were left out"] /
        ["؛ استُبعد {n} عنصر مما لا تحمله هذه الصيغة", "؛ استُبعد عنصر واحد مما لا تحمله هذه الصيغة",
         "؛ استُبعد عنصران مما لا تحمله هذه الصيغة", "؛ استُبعدت {n} عناصر مما لا تحمله هذه الصيغة",
         "؛ استُبعد {n} عنصرًا مما لا تحمله هذه الصيغة", "؛ استُبعد {n} عنصر مما لا تحمله هذه الصيغة"],
    sum_deleted_label_moved: ["Deleted {name}; {n} span is now {to}", "Deleted {name}; {n} spans are now {to}"] /
        ["حُذف {name}؛ صار {n} كيان {to}", "حُذف {name}؛ صار كيان واحد {to}", "حُذف {name}؛ صار كيانان {to}",
         "حُذف {name}؛ صارت {n} كيانات {to}", "حُذف {name}؛ صار {n} كيانًا {to}", "حُذف {name}؛ صار {n} كيان {to}"],
    label_delete_ask: ["{name} is on {n} span in this project. What should happen to it?",
        "{name} is on {n} spans in this project. What should happen to them?"] /
        ["الوسم {name} على {n} كيان في هذا المشروع. ماذا يحدث لها؟",
         "الوسم {name} على كيان واحد في هذا المشروع. ماذا يحدث له؟",
         "الوسم {name} على كيانين في هذا المشروع. ماذا يحدث لهما؟",
         "الوسم {name} على {n} كيانات في هذا المشروع. ماذا يحدث لها؟",
         "الوسم {name} على {n} كيانًا في هذا المشروع. ماذا يحدث لها؟",
         "الوسم {name} على {n} كيان في هذا المشروع. ماذا يحدث لها؟"],
}
}
