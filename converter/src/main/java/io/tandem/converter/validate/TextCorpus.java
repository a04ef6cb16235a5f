package io.tandem.converter.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentences to compare a text model's variants on, built the same way on every run (no files, no
 * randomness without a fixed seed): hand-written edge cases — empty text, text longer than the
 * model's 128 tokens, accents, CJK, emoji, code, numbers — then real sentences in some forty
 * languages and scripts, then sentences composed from fragments across many topics and registers,
 * so lengths run from one token to past the truncation limit.
 */
public final class TextCorpus {
    private static final String[] EDGE_CASES = {
        "",
        "Hello!",
        "ok",
        "The quick brown fox jumps over the lazy dog.",
        "Café, naïve, résumé, façade: accents are stripped by the uncased tokenizer.",
        "東京は日本の首都です。",
        "北京欢迎你",
        "Привет, как дела?",
        "Ελληνικά γράμματα και αριθμοί 12345",
        "🙂🚀🔥 emoji only sometimes make sense 👍",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝔣𝔯𝔞𝔨𝔱𝔲𝔯",
        "for (int i = 0; i < n; i++) { sum += a[i] * b[i]; }",
        "SELECT name, count(*) FROM orders WHERE total > 100 GROUP BY name;",
        "https://example.com/path?query=1&lang=en#section",
        "Call +44 20 7946 0958 or write to help@example.org before 5:30pm.",
        "3.14159 2.71828 1.41421 1.61803 0.57721",
        "ALL CAPS SENTENCES SHOUT AT THE READER FOR NO GOOD REASON",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "[CLS] [SEP] [MASK] special tokens typed by a user",
        "Supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
        "The committee, having considered the evidence at length, and having heard from every witness who wished to speak, "
                + "concluded that the proposal — although ambitious, expensive and in places unclear — deserved a second reading, "
                + "provided that the sponsors would publish a full account of the costs, the risks, the alternatives they had rejected "
                + "and the reasons for rejecting them, together with an independent review of the assumptions behind every estimate, "
                + "before the end of the financial year; several members dissented, arguing that the evidence was thin, that the "
                + "witnesses had been chosen by the sponsors, and that a second reading would only delay the inevitable refusal.",
        "word ".repeat(200).strip(),
        "¿Dónde está la biblioteca? Está al lado de la estación.",
        "Der schnelle braune Fuchs springt über den faulen Hund.",
        "Le chat dort sur le canapé pendant que la pluie tombe.",
        "   leading and trailing spaces   ",
        "tabs\tand\nnew\nlines\r\nmixed",
        "😀😃😄😁😆😅😂🤣",
        "\u0000\u0001\u0002 control characters",
        "ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ",
    };

    /**
     * Calibration's own short and odd inputs (none in {@link #EDGE_CASES}): one-word queries and
     * unknown-character runs make activations unlike those of long prose, and a quantiser calibrated
     * on prose alone handles them worst.
     */
    private static final String[] CALIBRATION_EXTRAS = {
        "yes", "no", "thanks", "Hi there", "Good morning!", "help", "why?", "OK.", "test", "lol", "hmm...",
        "☃☃☃", "𝕬𝕭𝕮 𝕯𝕰𝕱", "ＡＢＣ ｄｅｆ", "🎉", "👋 hello", "42", "2024-01-01", "#hashtag", "@someone",
        "C'est la vie.", "Danke schön", "日本語", "한국어 텍스트", "نص عربي", "עברית", "ไทย", "x", "?", "...",
    };

    /**
     * Real sentences in many scripts and languages, short and long, so that a variant which handles
     * English prose but not Arabic, Devanagari or CJK (whose characters the uncased vocabulary splits
     * one by one or does not know) is caught by the gate, not by a user.
     */
    private static final String[] MULTILINGUAL = {
        "我今天早上喝了一杯咖啡，然后去图书馆看书。",
        "这个问题比我们想象的要复杂得多，需要更多的时间来研究。",
        "請問最近的地鐵站在哪裡？",
        "天氣預報說明天會下大雨，記得帶傘。",
        "日本の夏はとても暑くて湿度が高いです。",
        "すみません、この電車は東京駅に止まりますか？",
        "昨日、友達と一緒に新しいラーメン屋に行きました。",
        "カタカナとひらがなと漢字が混ざった文章です。",
        "오늘 저녁에 친구들과 영화를 보러 갈 거예요.",
        "한국어 문장도 토큰화됩니다.",
        "서울의 겨울은 생각보다 훨씬 추워요.",
        "مرحبا، كيف حالك اليوم؟",
        "ذهبت إلى السوق واشتريت بعض الخضروات والفواكه الطازجة.",
        "تعتبر القاهرة من أكبر المدن في أفريقيا والشرق الأوسط.",
        "שלום, מה שלומך?",
        "הספרייה העירונית פתוחה עד שמונה בערב.",
        "امروز هوا خیلی خوب است و می‌خواهم به پارک بروم.",
        "کتاب‌های زیادی در این کتابخانه وجود دارد.",
        "मुझे हिंदी में बात करना अच्छा लगता है।",
        "कल सुबह हम दिल्ली से मुंबई के लिए ट्रेन पकड़ेंगे।",
        "यह वाक्य देवनागरी लिपि में लिखा गया है और इसमें कुछ संख्याएँ भी हैं: १२३४५।",
        "আমি প্রতিদিন সকালে চা খাই।",
        "কলকাতা একটি সুন্দর এবং ঐতিহাসিক শহর।",
        "நான் இன்று பள்ளிக்குச் சென்றேன்.",
        "சென்னையில் கடற்கரை மிகவும் அழகாக இருக்கும்.",
        "నేను తెలుగు మాట్లాడగలను.",
        "ಬೆಂಗಳೂರು ಉದ್ಯಾನ ನಗರ ಎಂದು ಪ್ರಸಿದ್ಧವಾಗಿದೆ.",
        "ഞാൻ മലയാളം പഠിക്കുന്നു.",
        "ਮੈਂ ਪੰਜਾਬੀ ਬੋਲਦਾ ਹਾਂ।",
        "ગુજરાતી ભાષા ખૂબ સુંદર છે.",
        "මම ශ්‍රී ලංකාවේ ජීවත් වෙමි.",
        "ฉันชอบกินข้าวผัดกุ้งมาก",
        "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย",
        "ຂ້ອຍຮັກພາສາລາວ",
        "ខ្ញុំចូលចិត្តអានសៀវភៅ",
        "မင်္ဂလာပါ၊ နေကောင်းလား",
        "Tôi thích ăn phở vào buổi sáng ở Hà Nội.",
        "Việt Nam có nhiều cảnh đẹp và món ăn ngon.",
        "Я люблю гулять по парку осенью, когда листья желтеют.",
        "Москва — столица России и крупнейший город страны.",
        "Добрий день! Як вас звати?",
        "Київ стоїть на березі Дніпра.",
        "Здравейте, как сте днес?",
        "Добар дан, како сте?",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
        "Μου αρέσει πολύ ο ελληνικός καφές.",
        "Բարև, ինչպես ես?",
        "გამარჯობა, როგორ ხარ?",
        "ሰላም፣ እንዴት ነህ?",
        "Сайн байна уу? Би Улаанбаатарт амьдардаг.",
        "Merhaba, bugün hava çok güzel.",
        "İstanbul, Avrupa ile Asya'yı birleştiren bir şehirdir.",
        "Dzień dobry, czy mogę prosić o rachunek?",
        "Příliš žluťoučký kůň úpěl ďábelské ódy.",
        "Árvíztűrő tükörfúrógép.",
        "Jag tycker om att åka skidor på vintern.",
        "Hvor er nærmeste togstation?",
        "Ik woon al tien jaar in Amsterdam.",
        "Eu gosto muito de ler livros à noite.",
        "São Paulo é a maior cidade do Brasil.",
        "Mi piace molto la pizza napoletana.",
        "Bună ziua, ce mai faceți?",
        "Habari za asubuhi? Natumaini uko salama.",
        "Saya suka makan nasi goreng di pagi hari.",
        "Mahal kita, at palagi kitang iisipin.",
        "Kia ora, he pēhea koe?",
        "Dia dhuit, conas atá tú?",
        "Bore da, sut wyt ti?",
        "Ég tala smá íslensku.",
        "Tere hommikust, kuidas läheb?",
        "Labas rytas, kaip sekasi?",
        "Sveiki, kā jums klājas?",
        "Hyvää huomenta, mitä kuuluu?",
        "Kaixo, zer moduz?",
        "Bon dia, com estàs?",
        "Mirëdita, si jeni?",
        "我用English和中文mix着说话，this is code-switching。",
        "Meeting at 3pm 明天, please confirm ✅",
        "Привет! Hello! مرحبا! 你好! こんにちは!",
        "東京タワー (Tokyo Tower) は 333 メートルです。",
        "नमस्ते 🙏 आज का दिन शुभ हो",
        "🇯🇵🇰🇷🇨🇳🇮🇳🇧🇷",
        "北京",
        "سلام",
        "नमस्ते",
        "Ελλάδα",
        "ok 👍",
        "中华人民共和国成立于一九四九年十月一日，首都设在北京，全国分为三十四个省级行政区，"
                + "包括二十三个省、五个自治区、四个直辖市和两个特别行政区，人口超过十四亿，是世界上人口最多的国家之一。",
        "في صباح يوم مشمس، خرجت العائلة إلى الحديقة العامة لتناول الإفطار، وكان الأطفال يلعبون بالكرة بينما "
                + "جلس الأجداد تحت ظل الأشجار يتحدثون عن ذكريات الماضي، ثم عادوا جميعاً إلى المنزل قبل غروب الشمس.",
        "भारत एक विशाल देश है जिसमें अनेक भाषाएँ बोली जाती हैं, और हर राज्य की अपनी संस्कृति, भोजन, त्योहार "
                + "और परंपराएँ हैं, जो इसे दुनिया के सबसे विविध देशों में से एक बनाती हैं।",
        "Когда мы приехали на вокзал, поезд уже ушёл, и нам пришлось ждать следующего целых три часа, "
                + "сидя в холодном зале ожидания и считая минуты до отправления.",
    };

    private static final String[] SUBJECTS = {
        "The new manager", "My grandmother", "A small startup", "The city council", "Our neighbour's dog",
        "The research team", "A tired student", "The orchestra", "An old fisherman", "The football club",
        "Most customers", "The hospital", "A famous chef", "The spacecraft", "Every developer on the team",
        "The local library", "A group of volunteers", "The airline", "Her younger brother", "The central bank",
    };
    private static final String[] VERBS = {
        "announced", "quietly fixed", "refused to discuss", "celebrated", "criticised", "planned", "forgot about",
        "wrote a long report on", "could not explain", "argued about", "invested heavily in", "photographed",
        "rebuilt", "is still waiting for", "accidentally deleted", "complained about", "carefully measured",
        "recommended", "sold", "painted",
    };
    private static final String[] OBJECTS = {
        "the budget for next year", "a broken washing machine", "the results of the clinical trial", "the old bridge",
        "a recipe for lemon cake", "the new tax rules", "an unexpected software bug", "the winter schedule",
        "the price of electricity", "a rare species of orchid", "the final score", "the missing passport",
        "a cheaper flight to Lisbon", "the noise from the motorway", "the school's reading programme",
        "a quantum computing experiment", "the interest rate decision", "the garden fence", "a jazz concert",
        "the database migration",
    };
    private static final String[] TAILS = {
        "", " yesterday", " after the storm", " without telling anyone", " for the third time this month",
        " because the deadline was moved", ", which surprised everyone", " despite strong objections from the board",
        " before lunch", " in front of a large crowd", " while the rain kept falling", " and nobody noticed",
        ", according to a statement released on Tuesday", " using nothing but a spreadsheet",
        " — a decision that may cost millions", "?", "!", " in 2023", " at 7 a.m.", " once again",
    };
    private static final String[] QUESTIONS = {
        "How do I reset my password?", "What is the capital of Australia?", "Why is the sky blue?",
        "Can you recommend a good book about history?", "Where is the nearest pharmacy?",
        "How long does it take to boil an egg?", "Is it going to rain tomorrow?", "What does this error message mean?",
        "Who won the match last night?", "How much does a return ticket cost?",
    };

    private TextCorpus() {
    }

    /** The default corpus: {@value #DEFAULT_SIZE} sentences. */
    public static final int DEFAULT_SIZE = 600;

    public static List<String> sentences() {
        return sentences(DEFAULT_SIZE);
    }

    /** Edge cases first, then composed sentences from a fixed-seed generator, {@code size} in all. */
    public static List<String> sentences(int size) {
        return generate(size, true, 0x5DEECE66DL, java.util.Set.of());
    }

    /**
     * Calibration sentences for quantisation: composed like the corpus but from another seed and
     * none shared with {@link #sentences()}, so validation never scores what calibration has seen.
     */
    public static List<String> calibration(int size) {
        return generate(size, false, 0x1234567L, new java.util.HashSet<>(sentences()));
    }

    private static List<String> generate(int size, boolean edgeCases, long seed, java.util.Set<String> exclude) {
        // A set: every sentence distinct, in the order made.
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String[] fixed : edgeCases ? List.<String[]>of(EDGE_CASES, MULTILINGUAL) : List.<String[]>of(CALIBRATION_EXTRAS)) {
            for (String s : fixed) {
                if (out.size() < size && !exclude.contains(s)) {
                    out.add(s);
                }
            }
        }
        long state = seed;
        while (out.size() < size) {
            state = next(state);
            int kind = (int) (state >>> 33) % 10;
            if (kind == 0) {
                state = next(state);
                if (!exclude.contains(QUESTIONS[pick(state, QUESTIONS.length)])) {
                    out.add(QUESTIONS[pick(state, QUESTIONS.length)]);
                }
                continue;
            }
            // 1 to 4 clauses: lengths from a handful of tokens to well past 128.
            StringBuilder sb = new StringBuilder();
            state = next(state);
            int clauses = 1 + pick(state, kind == 9 ? 12 : 4);
            for (int c = 0; c < clauses; c++) {
                state = next(state);
                String subject = SUBJECTS[pick(state, SUBJECTS.length)];
                state = next(state);
                String verb = VERBS[pick(state, VERBS.length)];
                state = next(state);
                String object = OBJECTS[pick(state, OBJECTS.length)];
                state = next(state);
                String tail = TAILS[pick(state, TAILS.length)];
                if (c > 0) {
                    sb.append(' ');
                }
                sb.append(subject).append(' ').append(verb).append(' ').append(object).append(tail);
                if (!tail.endsWith("?") && !tail.endsWith("!")) {
                    sb.append('.');
                }
            }
            if (!exclude.contains(sb.toString())) {
                out.add(sb.toString());
            }
        }
        return new ArrayList<>(out);
    }

    private static long next(long state) {
        return (state * 0x5DEECE66DL + 0xBL) & ((1L << 48) - 1);
    }

    private static int pick(long state, int n) {
        return (int) ((state >>> 17) % n);
    }
}
