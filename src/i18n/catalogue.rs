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
    // "Who said what" rows: one per person; merge, split, rename (components/quotes/speakers.rs).
    also_written: "also written: {names}" / "يُكتب أيضًا: {names}",
    speaker_select: "Select {name} to merge it with another row" / "حدّد {name} لدمجه مع صف آخر",
    quote_select: "Select this quote to give it to someone else" / "حدّد هذا الاقتباس لنسبته إلى شخص آخر",
    merge_rows: "Merge speakers" / "دمج القائلين",
    merge_keep_name: "Keep the name" / "أبقِ الاسم",
    same_person: "Same person" / "الشخص نفسه",
    merge_hint: "Select another row to merge it with this one" / "حدّد صفًا آخر لدمجه مع هذا",
    someone_else: "Someone else…" / "شخص آخر…",
    someone_else_label: "Who said them? Another row's name, or a full name" /
        "من قالها؟ اسم صف آخر، أو اسم كامل",
    move_quotes: "Move" / "انقل",
    rename_speaker: "Rename" / "أعد التسمية",
    rename_label: "Name of this speaker" / "اسم هذا القائل",
    rename_save: "Save" / "احفظ",
    automatic_name: "Automatic name" / "الاسم التلقائي",
    automatic_name_title: "Give these quotes back the names found in the text" /
        "أعِد إلى هذه الاقتباسات الأسماء الموجودة في النص",
    speaker_name_empty: "Write a name first." / "اكتب اسمًا أولًا.",
    split_stays: "“{name}” is part of {row}: these quotes would stay in this row. Give the other person's full name." /
        "«{name}» جزء من {row}: ستبقى هذه الاقتباسات في هذا الصف. اكتب الاسم الكامل للشخص الآخر.",
    merge_apart: "A person and an organisation stay in separate rows: make both speakers people (or both organisations) first." /
        "يبقى الشخص والمؤسسة في صفين منفصلين: اجعل القائلين كليهما شخصين (أو مؤسستين) أولًا.",

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
    // ==== errors: the core's and the services' errors, worded by i18n/errors.rs ====
    // (one block; each text is named after the error kind it words. Values from files and
    // messages that are not ours, a browser's or serde_json's, come quoted.)
    download_failed: "The browser did not offer the download: {error}" / "لم يعرض المتصفح الملف للتنزيل: {error}",
    // Where: the file, its line and column.
    e_at_file: "{file}: {message}" / "الملف {file}: {message}",
    e_at_line: "{file}, line {line}: {message}" / "الملف {file}، السطر {line}: {message}",
    e_at_column: "{file}, line {line}, column {column}: {message}" / "الملف {file}، السطر {line}، العمود {column}: {message}",
    e_line_column: "line {line}, column {column}: {message}" / "السطر {line}، العمود {column}: {message}",
    // The part of a record.
    e_part_span: "span {n}" / "الكيان {n}",
    e_part_quote: "quote {n}" / "الاقتباس {n}",
    e_part_entity: "entity {n}" / "الكيان {n}",
    e_part_label: "label {n}" / "الوسم {n}",
    e_part_token: "token {n}" / "الوحدة {n}",
    e_part_relation: "relation {n}" / "العلاقة {n}",
    e_part_annotation: "annotation {n}" / "التعليق {n}",
    e_part_task: "task {n}" / "المهمة {n}",
    e_part_item: "item {n}" / "العنصر {n}",
    e_part_field: "{part} {field}" / "{part}، الحقل {field}",
    e_part_task_result: "task {task} {list}[{annotation}] result {result}" / "المهمة {task}، {list}[{annotation}]، النتيجة {result}",
    e_part_span_at: "span {start}..{end}" / "الكيان من {start} إلى {end}",
    e_part_quote_at: "quote {start}..{end}" / "الاقتباس من {start} إلى {end}",
    e_part_line: "line {line}" / "السطر {line}",
    e_part_line_id: "line {line}: {id}" / "السطر {line}: {id}",
    // The file as a whole.
    e_too_large: "the file is {megabytes} MB; the page opens files up to {limit} MB. Split it, or use the sanad command-line tool" /
        "حجم الملف {megabytes} ميغابايت، والصفحة تفتح ملفات حتى {limit} ميغابايت. قسّمه، أو استعمل أداة سطر الأوامر sanad",
    e_too_large_to_stream: "the file is {megabytes} MB; the page reads files up to {limit} MB. Split it, or use the sanad command-line tool" /
        "حجم الملف {megabytes} ميغابايت، والصفحة تقرأ ملفات حتى {limit} ميغابايت. قسّمه، أو استعمل أداة سطر الأوامر sanad",
    e_empty_file: "the file is empty" / "الملف فارغ",
    e_unsupported_extension: "cannot open .{extension} files; Sanad opens .txt, .md, .json and .jsonl" /
        "لا يفتح سند ملفات ‎.{extension}؛ يفتح ملفات ‎.txt و‎.md و‎.json و‎.jsonl",
    e_unknown_format: "cannot tell the format: expected Sanad JSON or JSONL, Prodigy, doccano, Label Studio, W3C, CoNLL or brat" /
        "تعذّر تمييز صيغة الملف: المتوقع Sanad JSON أو JSONL، أو Prodigy أو doccano أو Label Studio أو W3C أو CoNLL أو brat",
    e_not_brat: "not part of a brat set: expected .zip, or .txt and .ann files" /
        "ليس من ملفات brat: المتوقع ملف ‎.zip، أو ملفات ‎.txt و‎.ann",
    e_quotes_table: "a quotes table cannot be imported: it lacks the articles' text" /
        "لا يمكن استيراد جدول اقتباسات: ليس فيه نص المقالات",
    e_not_utf8_file: "not UTF-8 text (byte {byte} at byte offset {offset}); save the file as UTF-8 and try again" /
        "النص ليس بترميز UTF-8 (البايت {byte} في الموضع {offset} من الملف)؛ احفظ الملف بترميز UTF-8 وأعد المحاولة",
    e_read: "cannot read: {detail}" / "تعذّرت قراءة الملف: {detail}",
    e_sink: "{message}" / "رُفضت المقالة: {message}",
    e_not_line_format: "{format} is not a line format; read it whole" / "الصيغة {format} لا تُقرأ سطرًا سطرًا؛ يُقرأ الملف كاملًا",
    e_not_stream_format: "{format} is not read as a stream (quotes tables cannot be imported: they lack the text)" /
        "الصيغة {format} لا تُقرأ على دفعات (لا يمكن استيراد جداول الاقتباسات: ليس فيها النص)",
    e_brat_not_previewed: "brat is previewed with brat::import" / "تُعايَن ملفات brat باستيرادها (brat::import)",
    e_no_documents: "the file has no documents" / "لا مقالات في الملف",
    e_empty_array: "the array has no documents" / "المصفوفة خالية من المقالات",
    e_empty_text: "the text is empty" / "النص فارغ",
    e_not_zip: "not a readable zip archive: {error}" / "ليس أرشيف zip مقروءًا: {error}",
    e_inflate: "{entry}: cannot inflate: {detail}" / "تعذّر فك ضغط {entry}: {detail}",
    // JSON syntax.
    e_json: "{detail}" / "JSON غير صالح: {detail}",
    e_json_line: "{detail}; expected one JSON object per line" / "JSON غير صالح: {detail}؛ المتوقع كائن JSON واحد في كل سطر",
    e_json_task: "{detail}; expected a Label Studio task" / "JSON غير صالح: {detail}؛ المتوقع مهمة من Label Studio",
    e_json_item: "expected an object with a \"text\" string: {detail}" / "المتوقع كائن فيه نص في \"text\": {detail}",
    e_task_array: "{problem}; expected a JSON array of Label Studio tasks" / "{problem}؛ المتوقع مصفوفة JSON من مهام Label Studio",
    e_array_task_or_end: "expected a task or `]`" / "المتوقع هنا مهمة أو `]`",
    e_array_task: "expected a task" / "المتوقع هنا مهمة",
    e_array_open: "expected `[`" / "المتوقع هنا `[`",
    e_array_comma_or_end: "expected `,` or `]`" / "المتوقع هنا `,` أو `]`",
    e_array_end_of_file: "expected the end of the file" / "المتوقع أن ينتهي الملف هنا",
    e_array_none: "the file has no JSON array" / "لا مصفوفة JSON في الملف",
    e_array_unclosed: "the file ends before the array is closed" / "ينتهي الملف قبل أن تُغلق المصفوفة",
    // One record.
    e_not_utf8_line: "not UTF-8 text; expected a UTF-8 JSON object" / "النص ليس بترميز UTF-8؛ المتوقع كائن JSON بترميز UTF-8",
    e_not_utf8: "not UTF-8 text" / "النص ليس بترميز UTF-8",
    e_not_utf8_task: "not UTF-8 text (byte {offset})" / "النص ليس بترميز UTF-8 (البايت {offset})",
    e_expected_json_object: "expected a JSON object" / "المتوقع كائن JSON",
    e_expected_object: "expected an object" / "المتوقع كائن",
    e_bad_record: "bad record" / "سجل معيب",
    e_duplicate_document: "document id {id} is used twice" / "معرّف المقالة {id} مستعمل مرتين",
    e_empty_text_field: "\"text\" is empty" / "قيمة \"text\" فارغة",
    e_expected_text: "expected a non-empty {key} string" / "المتوقع نص غير فارغ في {key}",
    e_bad_id: "\"id\" must be a string or a number, not {found}" / "يجب أن تكون قيمة \"id\" نصًا أو عددًا، لا {found}",
    e_bad_offset_unit: "\"offset_unit\" is {found}; expected \"codepoint\" or \"utf16\"" /
        "قيمة \"offset_unit\" هي {found}؛ المتوقع \"codepoint\" أو \"utf16\"",
    e_status_not_one_of: "status {found} is not new, in_progress, done or skipped" /
        "الحالة {found} ليست new ولا in_progress ولا done ولا skipped",
    e_unknown_status: "status {found} is not known" / "الحالة {found} غير معروفة",
    e_not_an_array: "\"{key}\" must be an array" / "يجب أن تكون قيمة \"{key}\" مصفوفة",
    e_labels_not_an_array: "\"label\" must be an array of [start, end, label]" / "يجب أن تكون قيمة \"label\" مصفوفة من [start, end, label]",
    e_not_an_object: "\"{key}\" must be an object" / "يجب أن تكون قيمة \"{key}\" كائنًا",
    // One part of a record.
    e_offsets_not_numbers: "expected non-negative integer start and end offsets" /
        "المتوقع موضعا بداية ونهاية من الأعداد الصحيحة غير السالبة",
    e_offsets_out_of_range: "offsets {start}..{end} are out of range (the text has {len}; start must be less than end)" /
        "الموضعان من {start} إلى {end} خارج النص (طول النص {len}، ويجب أن تسبق البداية النهاية)",
    e_split_surrogate_pair: "UTF-16 offsets {start}..{end} split a surrogate pair" /
        "موضعا UTF-16 من {start} إلى {end} يشطران حرفًا مرمّزًا بوحدتين",
    e_text_mismatch: "text at {start}..{end} is {found}, but the record says {stated}" /
        "النص من {start} إلى {end} هو {found}، لكن السجل يقول {stated}",
    e_expected_label: "expected a \"label\" string" / "المتوقع نص في \"label\"",
    e_expected_label_triple: "expected [start, end, \"LABEL\"]" / "المتوقع [start, end, \"LABEL\"]",
    e_bad_quote_kind: "quote kind {found}: expected \"direct\", \"indirect\" or \"mixed\"" /
        "نوع الاقتباس {found}: المتوقع \"direct\" أو \"indirect\" أو \"mixed\"",
    e_bad_confidence: "confidence {found} is not a number between 0 and 1" / "الثقة {found} ليست عددًا بين ٠ و١",
    e_bad_score: "score is not between 0 and 1" / "قيمة score ليست بين ٠ و١",
    e_range_not_an_object: "\"{key}\" must be an object with start and end" / "يجب أن تكون قيمة \"{key}\" كائنًا فيه start وend",
    e_expected_value: "expected a \"value\" object" / "المتوقع كائن \"value\"",
    e_expected_value_labels: "expected \"value.labels\" with one label" / "المتوقع \"value.labels\" فيه وسم واحد",
    e_expected_head_and_child: "expected \"head_span\" and \"child_span\"" / "المتوقع \"head_span\" و\"child_span\"",
    e_not_a_span: "{key} {start}..{end} {label} is not one of the spans" /
        "الطرف {key} من {start} إلى {end} بالوسم {label} ليس أحد الكيانات",
    e_relation_ends_not_entities: "\"from_id\"/\"to_id\" do not name entities of this record" /
        "لا يشير \"from_id\" و\"to_id\" إلى كيانات في هذا السجل",
    e_relation_ends_not_results: "relation ends are not regions of this result list" / "طرفا العلاقة ليسا من مناطق قائمة النتائج هذه",
    e_relation_region_missing: "relation {label} refers to a region that is not in the record" /
        "العلاقة {label} تشير إلى منطقة ليست في السجل",
    e_relation_not_from_quote: "relation {label} starts at a {found} region; expected a {expected} region" /
        "العلاقة {label} تبدأ من منطقة {found}؛ المتوقع منطقة {expected}",
    e_unknown_relation: "relation {label}: expected {speaker} or {cue}" / "العلاقة {label}: المتوقع {speaker} أو {cue}",
    e_w3c_no_document: "expected \"sanad:document\" with the text (an AnnotationPage as Sanad writes it; other pages point to texts Sanad cannot fetch)" /
        "المتوقع \"sanad:document\" ومعه النص (صفحة AnnotationPage كما يكتبها سند؛ الصفحات الأخرى تشير إلى نصوص لا يجلبها سند)",
    e_w3c_no_body: "expected a TextualBody with a \"value\" (the label)" / "المتوقع TextualBody فيه \"value\" (الوسم)",
    e_w3c_no_position: "expected a TextPositionSelector in \"target.selector\"" / "المتوقع TextPositionSelector في \"target.selector\"",
    // brat standoff.
    e_brat_line: "expected `ID<TAB>annotation` (tab-separated brat standoff)" /
        "المتوقع `ID<TAB>annotation` (صيغة brat بحقول تفصلها علامة الجدولة)",
    e_brat_text_bound: "expected `TYPE START END` after the id" / "المتوقع `TYPE START END` بعد المعرّف",
    e_brat_offsets: "offsets {found}: expected `START END` with START < END" / "الموضعان {found}: المتوقع `START END` على أن يكون START أصغر من END",
    e_brat_past_end: "line {line}: {id} offsets {start}..{end} are past the end of the text ({len})" /
        "السطر {line}: موضعا {id} من {start} إلى {end} بعد نهاية النص (طوله {len})",
    e_brat_text_mismatch: "line {line}: {id} text at its offsets is {found}, but the line says {stated}" /
        "السطر {line}: النص عند موضعي {id} هو {found}، لكن السطر يقول {stated}",
    e_brat_args: "{id}: Arg1/Arg2 must name T annotations defined above" / "العلاقة {id}: يجب أن يشير Arg1 وArg2 إلى تعليقات T معرَّفة في أسطر سابقة",
    e_brat_relation: "expected `TYPE Arg1:Tn Arg2:Tm`" / "المتوقع `TYPE Arg1:Tn Arg2:Tm`",
    e_brat_attribute: "expected `NAME Tn [VALUE]`" / "المتوقع `NAME Tn [VALUE]`",
    e_brat_id: "expected an id starting with T, R, A, E, M, N, * or #" / "المتوقع معرّف يبدأ بأحد الرموز T أو R أو A أو E أو M أو N أو * أو #",
    e_brat_kind_target: "Kind names {target}, which is not defined" / "تشير Kind إلى {target}، وهو غير معرَّف",
    e_brat_no_text: "no {stem}.txt beside it" / "لا يوجد بجانبه الملف {stem}.txt",
    // CoNLL.
    e_conll_line: "expected `token<TAB>tag`, found {found}" / "المتوقع `token<TAB>tag`، والموجود {found}",
    e_conll_tag: "tag {tag}: expected O, B-LABEL or I-LABEL (IOB2)" / "الوسم {tag}: المتوقع O أو B-LABEL أو I-LABEL (IOB2)",
    // zip archives.
    e_zip_at: "byte {at}: {error}" / "عند البايت {at}: {error}",
    e_zip_not_zip: "not a zip archive (no end of central directory record)" / "ليس أرشيف zip (لا سجل لنهاية الفهرس المركزي)",
    e_zip_truncated: "the archive ends too early" / "ينتهي الأرشيف قبل أوانه",
    e_zip_zip64: "zip64 archives are not supported" / "أرشيفات zip64 غير مدعومة",
    e_zip_expected_central_entry: "expected a central directory entry" / "المتوقع مدخل من الفهرس المركزي",
    e_zip_method: "compression method {method} is not supported (only stored and deflate)" /
        "طريقة الضغط {method} غير مدعومة (المدعوم stored وdeflate فقط)",
    e_zip_name_not_utf8: "a file name is not UTF-8" / "اسم ملف ليس بترميز UTF-8",
    e_zip_encrypted: "{name}: encrypted entries are not supported" / "الملف {name} مشفّر، والملفات المشفّرة غير مدعومة",
    e_zip_expected_local_header: "{name}: expected a local file header" / "الملف {name}: المتوقع ترويسة ملف محلية",
    e_zip_data_truncated: "{name}: the archive ends inside this file's data" / "الملف {name}: ينتهي الأرشيف في وسط بيانات هذا الملف",
    e_zip_damaged: "{name}: the data is damaged (length or CRC-32 does not match)" /
        "الملف {name}: بياناته تالفة (الطول أو CRC-32 لا يطابق)",
    e_zip_too_large: "too large for a zip archive without zip64 (4 GiB, 65,535 files)" /
        "أكبر مما يسعه أرشيف zip دون zip64 (٤ غيغابايت، ٦٥٬٥٣٥ ملفًا)",
    // Sanad project files.
    e_project_wrong_format: "not a Sanad project: \"format\" is {found}, expected \"{expected}\"" /
        "ليس مشروعًا من سند: قيمة \"format\" هي {found}، والمتوقع \"{expected}\"",
    e_project_no_format: "not a Sanad project: no \"format\": \"{expected}\" key" / "ليس مشروعًا من سند: لا مفتاح \"format\": \"{expected}\"",
    e_project_wrong_version: "not a Sanad project: \"version\" is {found}, expected {v1} or {expected}" /
        "ليس مشروعًا من سند: قيمة \"version\" هي {found}، والمتوقع {v1} أو {expected}",
    e_project_no_version: "not a Sanad project: no \"version\" key" / "ليس مشروعًا من سند: لا مفتاح \"version\"",
    e_project_newer: "this file is a Sanad project of version {found}; this Sanad reads versions {v1} and {expected}. Open it with a newer Sanad" /
        "هذا الملف مشروع من الإصدار {found} من سند، وهذه النسخة تقرأ الإصدارين {v1} و{expected}. افتحه بنسخة أحدث من سند",
    e_project_offset_unit: "offsets are counted in {found}; Sanad projects count code points (\"codepoint\")" /
        "المواضع محسوبة بوحدة {found}، ومشاريع سند تحسبها بنقاط الترميز (\"codepoint\")",
    e_project_no_offset_unit: "not a Sanad project: no \"offset_unit\" key" / "ليس مشروعًا من سند: لا مفتاح \"offset_unit\"",
    // The model's checks.
    e_subject_document: "document" / "المقالة",
    e_subject_span: "span" / "الكيان",
    e_subject_quote: "quote" / "الاقتباس",
    e_subject_quote_cue: "quote cue" / "فعل القول في الاقتباس",
    e_subject_quote_speaker: "quote speaker" / "قائل الاقتباس",
    e_subject_curated_position: "curated position" / "الموضع المحسوم",
    e_empty_range: "range {start}..{end} is empty or reversed (start must be less than end)" /
        "المدى من {start} إلى {end} فارغ أو معكوس (يجب أن تسبق البداية النهاية)",
    e_out_of_text: "{what} {id}: range {start}..{end} ends past the end of the text ({len})" /
        "{what} {id}: المدى من {start} إلى {end} ينتهي بعد نهاية النص (طوله {len})",
    e_duplicate_id: "{what} id {id} is used twice" / "معرّف {what} {id} مستعمل مرتين",
    e_empty_id: "{what} id is empty" / "معرّف {what} فارغ",
    e_empty_label: "label is empty" / "الوسم فارغ",
    e_unknown_speaker_span: "quote {quote}: speaker entity {span} is not a span of this document" /
        "الاقتباس {quote}: كيان القائل {span} ليس من كيانات هذه المقالة",
    e_confidence_range: "confidence {value} is not between 0 and 1" / "الثقة {value} ليست بين ٠ و١",
    e_no_text: "document {id} has no text" / "المقالة {id} بلا نص",
    e_too_many: "{count} in one document: at most {max} are kept per document" /
        "في المقالة الواحدة {count}، ولا يُحفظ أكثر من {max} في المقالة",
    e_bad_label: "label {name}: {reason}" / "الوسم {name}: {reason}",
    e_label_empty_name: "the name is empty" / "الاسم فارغ",
    e_label_name_too_long: "the name is longer than {max}" / "الاسم أطول من {max}",
    e_label_invisible: "the name has control or invisible formatting characters" / "في الاسم محارف تحكّم أو تنسيق غير مرئية",
    e_label_not_hex: "the colour must be a hex colour such as #E69F00" / "يجب أن يكون اللون رمزًا ست عشريًا مثل #E69F00",
    e_label_key: "the key must be one character" / "يجب أن يكون المفتاح حرفًا واحدًا",
    e_label_description: "the description is longer than {max}" / "الإرشاد أطول من {max}",
    e_bad_annotator: "annotator {name}: {reason}" / "المعلّق {name}: {reason}",
    e_annotator_not_hex: "the colour must be a hex colour such as #4477AA" / "يجب أن يكون اللون رمزًا ست عشريًا مثل #4477AA",
    e_in_layer: "layer of {annotator}: {error}" / "طبقة {annotator}: {error}",
    e_duplicate_layer: "the document has two layers of annotator {annotator}" / "للمقالة طبقتان للمعلّق {annotator}",
    e_bad_decision: "curation: {decision} is not a decision (accepted with an annotator, edited, or rejected)" /
        "التنقيح: {decision} ليس حكمًا (أُخذ برأي معلّق، أو حُرّر، أو رُفض)",
    e_duplicate_resolved: "curation: the position {start}..{end} ({what}) is settled twice" /
        "التنقيح: الموضع من {start} إلى {end} ({what}) محسوم مرتين",
    // Edits and the label schema.
    e_edit_unknown_span: "there is no span {id} in this document" / "لا كيان {id} في هذه المقالة",
    e_edit_unknown_quote: "there is no quote {id} in this document" / "لا اقتباس {id} في هذه المقالة",
    e_edit_bad_range: "range {start}..{end} is empty, reversed or past the end of the text ({len})" /
        "المدى من {start} إلى {end} فارغ أو معكوس أو يتجاوز نهاية النص (طوله {len})",
    e_edit_empty_label: "a label name cannot be empty" / "لا يمكن أن يكون اسم الوسم فارغًا",
    e_edit_duplicate_span: "{start}..{end} is already labelled {label}" / "النص من {start} إلى {end} موسوم {label} من قبل",
    e_edit_duplicate_quote: "there is already a quote at {start}..{end}" / "في النص من {start} إلى {end} اقتباس من قبل",
    e_edit_not_a_suggestion: "span {id} is not a suggestion: only spans of origin model can be accepted" /
        "الكيان {id} ليس اقتراحًا: لا يُقبل إلا ما اقترحه النموذج",
    e_edit_quote_not_a_suggestion: "quote {id} is not a suggestion: only quotes of origin model can be accepted" /
        "الاقتباس {id} ليس اقتراحًا: لا يُقبل إلا ما اقترحه النموذج",
    e_edit_relabel_to_self: "the spans of label {label} cannot be relabelled to the label being deleted" /
        "لا تُنقل كيانات الوسم {label} إلى الوسم الذي يُحذف",
    e_edit_no_speaker: "quote {id} has no speaker to name" / "الاقتباس {id} بلا قائل يُسمّى",
    e_edit_empty_speaker_name: "a speaker's name cannot be empty" / "لا يمكن أن يكون اسم القائل فارغًا",
    e_edit_no_layers: "this document has no annotators' layers to curate" / "ليس لهذه المقالة طبقات معلّقين تُنقَّح",
    e_edit_not_curating: "the curation of this document has not begun" / "لم يبدأ تنقيح هذه المقالة",
    e_edit_unknown_position: "the annotators do not disagree on a {what} at {start}..{end}" /
        "لا يختلف المعلّقون على {what} في النص من {start} إلى {end}",
    e_edit_unknown_annotator: "this document has no layer of annotator {annotator}" / "ليس لهذه المقالة طبقة للمعلّق {annotator}",
    e_edit_stale: "this history step no longer fits the document (it was changed outside the history)" /
        "لم تعد خطوة السجل هذه تلائم المقالة (تغيّرت المقالة خارج سجل التراجع)",
    e_edit_model: "the change would break the document: {error}" / "التغيير يُفسد المقالة: {error}",
    e_schema_duplicate_name: "two labels are called {name}" / "وسمان يحملان الاسم {name}",
    e_schema_duplicate_key: "the key {key} is used by {first} and {second}" / "المفتاح {key} مستعمل للوسمين {first} و{second}",
    // Exports.
    e_export_io: "cannot write: {detail}" / "تعذّرت الكتابة: {detail}",
    e_export_not_stream: "{format} is not a stream format; write it with its own function" /
        "الصيغة {format} لا تُكتب مقالةً مقالة؛ تُكتب بدالتها الخاصة",
    e_export_brat_utf16: "brat offsets are code points by definition; UTF-16 offsets do not apply" /
        "مواضع brat نقاط ترميز بتعريف الصيغة؛ لا تنطبق عليها مواضع UTF-16",
    // The tagger worker and its models.
    e_model_ar: "the Arabic model" / "النموذج العربي",
    e_model_en: "the English model" / "النموذج الإنجليزي",
    e_tag_fetch: "{model} could not be fetched from {url}: {error}" / "تعذّر جلب {model} من {url}: {error}",
    e_tag_model: "{model} cannot be used: {error}" / "لا يصلح {model} للاستعمال: {error}",
    e_tag_not_loaded: "the model is not loaded" / "النموذج غير محمَّل",
    e_http: "the server answered HTTP {status}" / "ردّ الخادم برمز HTTP {status}",
    e_model_too_short: "model file is too short ({n}): truncated or not a Sanad model" /
        "ملف النموذج أقصر من اللازم ({n}): مقطوع أو ليس نموذجًا من سند",
    e_model_bad_magic: "not a Sanad entity model (bad magic bytes)" / "ليس نموذج كيانات من سند (بايتات التعريف في أوله غير صحيحة)",
    e_model_version: "model file format version {found} is not supported (this build reads version {supported})" /
        "إصدار صيغة ملف النموذج {found} غير مدعوم (هذه النسخة تقرأ الإصدار {supported})",
    e_model_truncated: "model file is truncated or has trailing bytes: its header says {expected} of payload, the file has {found}" /
        "ملف النموذج مقطوع أو في آخره بايتات زائدة: ترويسته تذكر {expected} من البيانات، وفي الملف {found}",
    e_model_checksum: "model file is corrupt: checksum {found} does not match {expected}" /
        "ملف النموذج تالف: المجموع الاختباري {found} لا يطابق {expected}",
    e_model_features: "model was trained with feature set {found}, this build computes feature set {supported}: retrain it" /
        "دُرّب النموذج على مجموعة السمات {found}، وهذه النسخة تحسب مجموعة السمات {supported}: أعد تدريبه",
    e_model_invalid: "model file is invalid: its content does not follow the format" / "ملف النموذج غير صالح: محتواه لا يتبع الصيغة",
    // Browser storage.
    e_browser_refused: "the browser refused: {detail}" / "رفض المتصفح: {detail}",
    e_storage_no_document: "the saved record {key} holds no document" / "السجل المحفوظ {key} لا يحوي مقالة",
    e_storage_not_utf8: "the saved record {key} is not UTF-8 text" / "السجل المحفوظ {key} ليس نصًا بترميز UTF-8",
    e_storage_invalid: "the saved record {key}: {error}" / "السجل المحفوظ {key}: {error}",
    // ==== end of errors ====
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
    rows_selected: ["{n} row selected", "{n} rows selected"] /
        ["{n} صف محدد", "صف واحد محدد", "صفان محددان", "{n} صفوف محددة", "{n} صفًا محددًا", "{n} صف محدد"],
    quotes_selected: ["{n} quote selected", "{n} quotes selected"] /
        ["{n} اقتباس محدد", "اقتباس واحد محدد", "اقتباسان محددان", "{n} اقتباسات محددة", "{n} اقتباسًا محددًا", "{n} اقتباس محدد"],
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

    // ==== errors (i18n/errors.rs) ====
    code_points: ["{n} code point", "{n} code points"] /
        ["{n} نقطة ترميز", "نقطة ترميز واحدة", "نقطتا ترميز", "{n} نقاط ترميز", "{n} نقطة ترميز", "{n} نقطة ترميز"],
    utf16_units: ["{n} UTF-16 code unit", "{n} UTF-16 code units"] /
        ["{n} وحدة UTF-16", "وحدة UTF-16 واحدة", "وحدتا UTF-16", "{n} وحدات UTF-16", "{n} وحدة UTF-16", "{n} وحدة UTF-16"],
    bytes: ["{n} byte", "{n} bytes"] /
        ["{n} بايت", "بايت واحد", "بايتان", "{n} بايتات", "{n} بايتًا", "{n} بايت"],
    // ==== end of errors ====
}
}
