//! The interface's one string catalogue, English and Arabic.
//!
//! Every user-visible string of the interface is a key here, written once with both languages, so a
//! missing translation is a compile error. Components read the catalogue of the current language
//! with [`use_strings`]; text with values in it uses `{name}` placeholders filled by [`fill`].
//! User text (articles, titles, labels) is never in here and never HTML.

use std::fmt::Display;

#[cfg(target_arch = "wasm32")]
mod intl;
pub mod plural;

use sanad_core::edit::Summary;
use sanad_core::QuoteKind;
use yew::prelude::*;

/// The interface language. Arabic mirrors the whole layout (`<html dir="rtl">`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Ar => "rtl",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ar => &AR,
        }
    }
}

macro_rules! catalogue {
    ($($key:ident: $en:literal / $ar:literal,)*) => {
        /// The interface strings of one language.
        #[derive(Debug, PartialEq, Eq)]
        pub struct Strings {
            $(pub $key: &'static str,)*
        }
        pub static EN: Strings = Strings { $($key: $en,)* };
        pub static AR: Strings = Strings { $($key: $ar,)* };
        /// Every key with its two texts, for tests (placeholders must match across languages).
        pub const ALL: &[(&str, &str, &str)] = &[$((stringify!($key), $en, $ar),)*];
    };
}

catalogue! {
    // ---- app shell ----
    tagline: "Entities and quotes in news text, annotated in your browser. Nothing leaves this device." /
        "الكيانات والاقتباسات في نصوص الأخبار، تُوسَم في متصفحك. لا شيء يغادر هذا الجهاز.",
    interface_language: "Interface language" / "لغة الواجهة",
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
    tag_progress: "Suggesting entities: {done} of {total} articles" / "اقتراح الكيانات: {done} من {total} مقالة",
    cancel: "Cancel" / "إلغاء",
    tag_pending: "Finding entities…" / "جارٍ البحث عن الكيانات…",
    tag_done: "{n} suggestions from the tagger ({tokens} tokens in {ms} ms, in a background worker)" /
        "{n} اقتراحًا من الموسِم ({tokens} وحدة في {ms} ملّي ثانية، في عامل خلفي)",
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
    doc_meta: " · {spans} entities · {quotes} quotes" / " · {spans} كيانًا · {quotes} اقتباسًا",
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
    import_renamed: " ({n} renamed: their id was taken)" / " (أعيدت تسمية {n}: معرّفها مستخدم)",
    import_duplicates: "; {n} already in the library" / "؛ {n} موجودة في المكتبة من قبل",
    n_articles: "{n} articles" / "{n} مقالة",
    one_article: "1 article" / "مقالة واحدة",
    library_search: "Search titles and text" / "ابحث في العناوين والنصوص",
    library_filter: "Status" / "الحالة",
    filter_all: "all" / "الكل",
    progress_done: "{done} of {total} done" / "أُنجز {done} من {total}",
    progress_by_label: "Annotations by label" / "الكيانات حسب الوسم",
    progress_suggestions: "{n} suggestions to review" / "{n} اقتراحًا للمراجعة",
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

    // ---- article ----
    back_to_library: "← Library" / "→ المكتبة",
    article_meta: "{lang} · {chars} characters · {spans} entities · {quotes} quotes · {suggested} suggestions to review" /
        "{lang} · {chars} حرفًا · {spans} كيانًا · {quotes} اقتباسًا · {suggested} اقتراحًا للمراجعة",
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
    import_counts: "{docs} articles · {spans} entity spans · {quotes} quotes ({speakers} with a speaker)" /
        "{docs} مقالة · {spans} كيانًا موسومًا · {quotes} اقتباسًا ({speakers} منها بقائل)",
    import_label_col: "Label" / "الوسم",
    import_count_col: "Spans" / "المواضع",
    import_model_spans: "{n} spans and quotes come from a model or do not say who made them. Bring them in:" /
        "{n} من المواضع والاقتباسات مصدرها نموذج أو لا يُعرف من وسمها. أدخِلها:",
    import_as_suggestions: " as suggestions to review" / " اقتراحاتٍ للمراجعة",
    import_as_editor: " as the editor's annotations" / " وسومًا للمحرر",
    import_target: "Where" / "إلى أين",
    import_merge: " Add to this library (articles already here are merged)" / " أضِف إلى هذه المكتبة (تُدمج المقالات الموجودة)",
    import_new_project: " Into a new project named" / " إلى مشروع جديد اسمه",
    import_project_name: "Name of the new project" / "اسم المشروع الجديد",
    import_new_project_summary: "{n} articles go into the new project; this library stays as it is. The page then opens the new project." /
        "تدخل {n} مقالة المشروع الجديد، وتبقى هذه المكتبة كما هي. ثم تفتح الصفحة المشروع الجديد.",
    import_merge_summary: "{added} new · {renamed} renamed (their id is used by another text) · {merged} merged into articles already here · {unchanged} already here unchanged · {conflicts} conflicts" /
        "{added} جديدة · {renamed} أعيدت تسميتها (معرّفها لنص آخر) · {merged} دُمجت في مقالات موجودة · {unchanged} موجودة دون تغيير · {conflicts} تعارضًا",
    import_conflicts: "Conflicts ({n}) and how they are resolved" / "التعارضات ({n}) وكيف تُحل",
    import_conflict_text: "this id is used by another text here; the imported article is added as {to}" /
        "هذا المعرّف لنص آخر هنا؛ تُضاف المقالة المستوردة باسم {to}",
    import_conflict_overlap: "imported {imported} overlaps {existing}: {how}" / "المستورد {imported} يتداخل مع {existing}: {how}",
    import_item: "{label} «{text}» ({start}–{end}){who}" / "{label} «{text}» (من {start} إلى {end}){who}",
    import_suggestion: ", a suggestion" / "، اقتراح",
    import_kept: "the library's is kept, the imported one is left out" / "يبقى ما في المكتبة ويُترك المستورد",
    import_replaced: "the suggestions give way to the imported one" / "تُفسح الاقتراحات مكانها للمستورد",
    import_problems: "Problems ({n}); {bad} records with problems are skipped" / "مشكلات ({n})؛ تُتخطّى {bad} سجلات فيها مشكلات",
    import_confirm: "Import {n} articles" / "استورد {n} مقالة",
    import_confirm_skip: "Import {n} articles, skipping {bad} bad records" / "استورد {n} مقالة وتخطَّ {bad} سجلًا معيبًا",
    import_nothing: "{file}: nothing to import" / "{file}: لا شيء للاستيراد",
    import_cancelled: "Import cancelled: nothing changed" / "أُلغي الاستيراد: لم يتغير شيء",
    import_merged: "; {n} merged into articles already here ({spans} spans, {quotes} quotes added)" /
        "؛ دُمجت {n} في مقالات موجودة (أضيف {spans} كيانًا و{quotes} اقتباسًا)",
    import_conflicts_done: "; {n} conflicts resolved, nothing already here was lost" / "؛ حُل {n} تعارضًا دون فقدان شيء مما كان هنا",
    import_skipped_report: "; {n} bad records skipped (first: {first})" / "؛ تُخطّي {n} سجلًا معيبًا (أولها: {first})",

    // ---- export ----
    export: "Export" / "تصدير",
    format: "Format" / "الصيغة",
    export_all: " all articles (not only those marked done)" / " كل المقالات (لا المنجزة فقط)",
    export_utf16: " UTF-16 offsets, for JavaScript (labelled in the file)" / " مواضع UTF-16 لجافاسكربت (مذكورة في الملف)",
    export_split_clitics: " Arabic proclitics (و ف ب ل ك) as tokens of their own" / " السوابق العربية (و ف ب ل ك) وحداتٍ مستقلة",
    download: "Download" / "نزّل",
    library_file_title: "Sanad library" / "مكتبة سند",
    saved_library: "Saved the whole library ({n} articles) as {name}" / "حُفظت المكتبة كلها ({n} مقالة) باسم {name}",
    export_nothing: "Nothing to export: {n} articles are not marked done. Mark them done, or tick \"all articles\"." /
        "لا شيء للتصدير: {n} مقالة غير معلَّمة منجزة. علّمها منجزة، أو اختر \"كل المقالات\".",
    exported: "Exported {docs} articles ({spans} entities, {quotes} quotes) as {name}, offsets in {unit}" /
        "صُدّرت {docs} مقالة ({spans} كيانًا، {quotes} اقتباسًا) باسم {name}، والمواضع بوحدة {unit}",
    unit_utf16: "UTF-16 units (for JavaScript)" / "وحدات UTF-16 (لجافاسكربت)",
    unit_codepoints: "code points" / "نقاط الترميز",
    export_left_out: "; {n} not marked done were left out" / "؛ استُبعدت {n} غير منجزة",
    export_dropped: "; {n} things this format cannot carry were left out" / "؛ استُبعد {n} مما لا تحمله هذه الصيغة",
    export_failed: "Export failed: {error}" / "تعذّر التصدير: {error}",
    export_progress: "Exporting: {done} of {total} articles" / "جارٍ التصدير: {done} من {total} مقالة",
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
    sum_accepted_all: "Accepted {spans} suggestions and {quotes} quotes" / "قُبل {spans} اقتراحًا و{quotes} اقتباسًا",
    sum_no_other_mention: "No other unlabelled mention of {text}" / "لا ذكر آخر غير موسوم لـ{text}",
    sum_labelled_mentions: "Labelled {n} more mentions of {text}" / "وُسم {n} ذكرًا آخر لـ{text}",
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
    sum_renamed_label: "Renamed {from} to {to} on {n} spans" / "أعيدت تسمية {from} إلى {to} في {n} كيانًا",
    sum_deleted_label: "Deleted {name} and {n} spans" / "حُذف {name} و{n} كيانًا",
    sum_deleted_label_moved: "Deleted {name}; {n} spans are now {to}" / "حُذف {name}؛ صار {n} كيانًا {to}",
    sum_no_change: "No change" / "لا تغيير",
    sum_changes: "{n} changes" / "{n} تغييرات",

    // ---- project settings: labels and Arabic proclitics ----
    settings_button: "Labels and settings" / "الوسوم والإعدادات",
    settings_title: "Project settings" / "إعدادات المشروع",
    label_name: "Name" / "الاسم",
    label_color: "Colour" / "اللون",
    label_key: "Key" / "المفتاح",
    label_description: "Guideline (shown on hover)" / "الإرشاد (يظهر عند التمرير)",
    label_add: "Add a label" / "أضف وسمًا",
    label_delete: "Delete" / "احذف",
    label_delete_ask: "{name} is on {n} spans in this project. What should happen to them?" /
        "الوسم {name} على {n} كيانًا في هذا المشروع. ماذا يحدث لها؟",
    label_delete_remove: "Remove those spans" / "احذف تلك الكيانات",
    label_delete_relabel: "Give them another label:" / "أعطها وسمًا آخر:",
    label_delete_confirm: "Delete {name}" / "احذف {name}",
    schema_undo: "Undo the last label change" / "تراجع عن آخر تغيير في الوسوم",
    schema_refused: "The labels were not changed: {error}" / "لم تتغير الوسوم: {error}",
    schema_renamed: "Renamed {from} to {to} ({n} articles changed)" / "أعيدت تسمية {from} إلى {to} (تغيرت {n} مقالة)",
    schema_deleted: "Deleted the label {name} ({n} articles changed)" / "حُذف الوسم {name} (تغيرت {n} مقالة)",
    schema_undone: "The last label change was undone" / "تم التراجع عن آخر تغيير في الوسوم",
    schema_undo_partial: "The last label change was undone, except in {n} articles edited since" /
        "تم التراجع عن آخر تغيير في الوسوم إلا في {n} مقالة عُدّلت بعده",
    default_project_name: "My library" / "مكتبتي",
    projects_title: "Projects" / "المشاريع",
    project_name: "Name of this project" / "اسم هذا المشروع",
    project_switch: "Open another project" / "افتح مشروعًا آخر",
    project_new: "New empty project" / "مشروع جديد فارغ",
    project_new_name: "New project" / "مشروع جديد",
    project_duplicate: "Duplicate this project" / "انسخ هذا المشروع",
    project_copy_name: "{name} (copy)" / "{name} (نسخة)",
    project_delete: "Delete this project…" / "احذف هذا المشروع…",
    project_delete_ask: "Delete {name} and its {n} articles from this browser? This cannot be undone: export it first to keep a copy." /
        "أتحذف {name} ومقالاته الـ{n} من هذا المتصفح؟ لا يمكن التراجع عن ذلك: صدّره أولًا لتحتفظ بنسخة.",
    project_delete_confirm: "Delete the project" / "احذف المشروع",
    clitics_title: "Arabic proclitics when a selection is snapped" / "السوابق العربية عند ضبط التحديد",
    clitics_strip: "Leave a leading و ف ب ل ك out of the span: لروسيا → روسيا" /
        "أخرج و ف ب ل ك من بداية الكيان: لروسيا ← روسيا",
    clitics_keep: "Keep them in the span, as ANERcorp does: لروسيا" / "أبقها في الكيان كما في ANERcorp: لروسيا",
}

/// `template` with each `{name}` replaced by its value. Unknown placeholders stay as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `x` with `places` decimals, without the float formatting machinery (which costs the bundle
/// about 10 KB of code): every number the interface shows goes through this or an integer.
pub fn decimals(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let n = (x.max(0.0) * scale as f64).round() as u64;
    format!("{}.{:0width$}", n / scale, n % scale, width = places as usize)
}

/// What an edit did, in the interface language. English keeps the core's wording (singulars).
pub fn summary(t: &'static Strings, s: &Summary) -> String {
    if std::ptr::eq(t, &EN) {
        return s.to_string();
    }
    let kind = |k: QuoteKind| match k {
        QuoteKind::Direct => t.kind_direct,
        QuoteKind::Indirect => t.kind_reported,
        QuoteKind::Mixed => t.kind_mixed,
    };
    match s {
        Summary::Labelled { text, label } => fill(t.sum_labelled, &[("text", text), ("label", label)]),
        Summary::Removed { label, text } => fill(t.sum_removed, &[("text", text), ("label", label)]),
        Summary::AlreadyLabel { label } => fill(t.sum_already_label, &[("label", label)]),
        Summary::Relabelled { text, old, new } => fill(t.sum_relabelled, &[("text", text), ("old", old), ("new", new)]),
        Summary::SpanRangeUnchanged => t.sum_span_unchanged.into(),
        Summary::SpanNow { label, text } => fill(t.sum_span_now, &[("text", text), ("label", label)]),
        Summary::Accepted { label, text } => fill(t.sum_accepted, &[("text", text), ("label", label)]),
        Summary::AcceptedAll { spans: 0, quotes: 0 } => t.sum_nothing_to_accept.into(),
        Summary::AcceptedAll { spans, quotes } => fill(t.sum_accepted_all, &[("spans", spans), ("quotes", quotes)]),
        Summary::NoOtherMention { text } => fill(t.sum_no_other_mention, &[("text", text)]),
        Summary::LabelledMentions { n, text } => fill(t.sum_labelled_mentions, &[("n", n), ("text", text)]),
        Summary::AddedQuote { kind: k } => fill(t.sum_added_quote, &[("kind", &kind(*k))]),
        Summary::RemovedQuote { text } => fill(t.sum_removed_quote, &[("text", text)]),
        Summary::QuoteKindAlready { kind: k } => fill(t.sum_quote_kind_already, &[("kind", &kind(*k))]),
        Summary::QuoteKindSet { kind: k } => fill(t.sum_quote_kind_set, &[("kind", &kind(*k))]),
        Summary::QuoteRangeUnchanged => t.sum_quote_unchanged.into(),
        Summary::QuoteNow { text } => fill(t.sum_quote_now, &[("text", text)]),
        Summary::AcceptedQuote => t.sum_accepted_quote.into(),
        Summary::SpeakerUnchanged => t.sum_speaker_unchanged.into(),
        Summary::Speaker { name } => fill(t.sum_speaker, &[("name", name)]),
        Summary::SpeakerRemoved => t.sum_speaker_removed.into(),
        Summary::StatusAlready { status } => fill(t.sum_status_already, &[("status", &status_name(t, *status))]),
        Summary::StatusSet { status } => fill(t.sum_status_set, &[("status", &status_name(t, *status))]),
        Summary::LabelAlreadyCalled { from, to } => fill(t.sum_label_already_called, &[("from", from), ("to", to)]),
        Summary::RenamedLabel { from, to, n } => fill(t.sum_renamed_label, &[("from", from), ("to", to), ("n", n)]),
        Summary::DeletedLabel { name, n } => fill(t.sum_deleted_label, &[("name", name), ("n", n)]),
        Summary::DeletedLabelMoved { name, n, to } => {
            fill(t.sum_deleted_label_moved, &[("name", name), ("n", n), ("to", to)])
        }
        Summary::Batch(parts) if parts.is_empty() => t.sum_no_change.into(),
        Summary::Batch(parts) => parts.iter().map(|p| summary(t, p)).collect::<Vec<_>>().join("؛ "),
        Summary::Changes { n } => fill(t.sum_changes, &[("n", n)]),
    }
}

/// The catalogue of the interface language in context (English outside any provider).
#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>().unwrap_or_default().strings()
}

/// The name of a document status in the interface language.
pub fn status_name(t: &'static Strings, status: sanad_core::Status) -> &'static str {
    match status {
        sanad_core::Status::New => t.status_new,
        sanad_core::Status::InProgress => t.status_in_progress,
        sanad_core::Status::Done => t.status_done,
        sanad_core::Status::Skipped => t.status_skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> =
            s.match_indices('{').filter_map(|(i, _)| s[i + 1..].split_once('}').map(|p| p.0)).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn both_languages_have_the_same_placeholders_and_no_empty_text() {
        for (key, en, ar) in ALL {
            assert_eq!(placeholders(en), placeholders(ar), "{key}");
            assert!(!en.trim().is_empty() && !ar.trim().is_empty(), "{key}");
        }
    }

    #[test]
    fn arabic_texts_are_arabic() {
        let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        for (key, _, ar) in ALL {
            if *key != "switch_language_title" {
                assert!(arabic(ar) || *key == "switch_language", "{key}: {ar}");
            }
        }
    }

    #[test]
    fn edit_summaries_in_both_languages() {
        let s = Summary::Relabelled { text: "لافروف".into(), old: "PER".into(), new: "ORG".into() };
        assert_eq!(summary(&EN, &s), "Relabelled لافروف PER → ORG");
        assert_eq!(summary(&AR, &s), "تغيّر وسم لافروف من PER إلى ORG");
        let b = Summary::batch(vec![Summary::AcceptedQuote, Summary::StatusSet { status: sanad_core::Status::Done }]);
        assert_eq!(summary(&AR, &b), "قُبل الاقتباس؛ صارت الحالة منجزة");
    }

    #[test]
    fn fill_replaces_named_values_only() {
        assert_eq!(fill("{done} of {total}", &[("done", &3), ("total", &"5")]), "3 of 5");
        assert_eq!(fill("{x} {unknown} {", &[("x", &1)]), "1 {unknown} {");
        assert_eq!(fill(AR.tag_progress, &[("done", &1), ("total", &2)]), "اقتراح الكيانات: 1 من 2 مقالة");
    }
}
