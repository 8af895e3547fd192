package org.bertworkbench.core.finetune;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes {@code sample-data/finetune/}: a small train and dev file for each task family, made from
 * templates and word lists written for this project, deterministic (fixed seeds), and sized so that
 * a small model fine-tunes to clearly-above-chance dev accuracy in about a minute on a CPU.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:GSON_JAR
 * org.bertworkbench.core.finetune.SampleData sample-data/finetune}; {@code SampleDataTest} checks
 * the shipped files are what this writes.
 */
final class SampleData {

  private SampleData() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "sample-data/finetune");
    for (Map.Entry<String, String> f : files().entrySet()) {
      Path p = out.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }

  /** Every generated file, by path relative to {@code sample-data/finetune/}. */
  static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    put(files, "classify", "tsv", Reviews.files());
    put(files, "pair", "tsv", Paraphrases.files());
    put(files, "qa", "json", People.files());
    put(files, "tag", "conll", Entities.files());
    put(files, "features", "csv", Tickets.files());
    return files;
  }

  private static void put(Map<String, String> files, String dir, String ext, List<String> trainDev) {
    files.put(dir + "/train." + ext, trainDev.get(0));
    files.put(dir + "/dev." + ext, trainDev.get(1));
  }

  static String pick(Random r, List<String> words) {
    return words.get(r.nextInt(words.size()));
  }

  static String capitalise(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** Makes distinct rows until there are {@code n}, skipping any already made (in train or dev). */
  interface RowMaker {
    String make(Random r);
  }

  /** A train and a dev file of distinct rows under a header (dev rows never occur in train). */
  static List<String> trainDev(long seed, String header, int train, int dev, RowMaker maker) {
    Random r = new Random(seed);
    Set<String> seen = new HashSet<>();
    return List.of(header + "\n" + String.join("\n", distinct(train, r, seen, maker)) + "\n",
        header + "\n" + String.join("\n", distinct(dev, r, seen, maker)) + "\n");
  }

  static List<String> distinct(int n, Random r, Set<String> seen, RowMaker maker) {
    List<String> rows = new ArrayList<>();
    int tries = 0;
    while (rows.size() < n) {
      if (++tries > n * 100) {
        throw new IllegalStateException("templates too few for " + n + " distinct rows");
      }
      String row = maker.make(r);
      if (seen.add(row)) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** Single-sentence classification: short reviews, positive or negative, a tenth with negation. */
  static final class Reviews {
    static final List<String> THINGS = List.of("soup", "bread", "coffee", "room", "service", "garden", "train ride",
        "hotel", "film", "concert", "book", "walk", "bakery", "pasta", "tea", "market", "museum", "bicycle", "kitchen",
        "tent", "beach", "breakfast", "cheese", "bus trip", "guide", "music", "show", "game", "lamp", "phone");
    static final List<String> GOOD = List.of("lovely", "delicious", "great", "wonderful", "excellent", "friendly",
        "fresh", "warm", "perfect", "pleasant", "bright", "clean", "charming", "tasty", "comfortable", "superb");
    static final List<String> BAD = List.of("awful", "terrible", "stale", "rude", "dirty", "boring", "broken",
        "noisy", "bland", "horrible", "slow", "disappointing", "soggy", "dull", "cramped", "greasy");
    static final List<String> GOOD_END = List.of("we will come back", "I would go again", "highly recommended",
        "worth every penny", "a real treat", "we loved it");
    static final List<String> BAD_END = List.of("we will not come back", "never again", "a waste of money",
        "avoid it", "what a pity", "we left early");

    static List<String> files() {
      return trainDev(101, "sentence\tlabel", 320, 80, Reviews::row);
    }

    static String row(Random r) {
      boolean positive = r.nextBoolean();
      String thing = pick(r, THINGS);
      String adj = pick(r, positive ? GOOD : BAD);
      String adj2 = pick(r, positive ? GOOD : BAD);
      String end = pick(r, positive ? GOOD_END : BAD_END);
      String text = switch (r.nextInt(10)) {
        case 0 -> "The " + thing + " was " + adj + ".";
        case 1 -> "What a " + adj + " " + thing + "!";
        case 2 -> "I found the " + thing + " " + adj + " and " + adj2 + ".";
        case 3 -> "Our " + thing + " was " + adj + ", " + end + ".";
        case 4 -> capitalise(adj) + " " + thing + ", " + end + ".";
        case 5 -> "The " + thing + " felt " + adj + " today.";
        case 6 -> "Honestly, a " + adj + " " + thing + ".";
        case 7 -> "Everyone said the " + thing + " was " + adj + ".";
        case 8 -> "The " + thing + " was " + adj + " and " + adj2 + "; " + end + ".";
        default -> "The " + thing + " was not " + pick(r, positive ? BAD : GOOD) + " at all.";
      };
      return text + "\t" + (positive ? "positive" : "negative");
    }
  }

  /** Sentence-pair classification: is the second sentence a rewording of the first? */
  static final class Paraphrases {
    static final List<String> NAMES = List.of("Anna", "Ben", "Clara", "David", "Emma", "Farid", "Grace", "Hugo",
        "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya", "Rosa", "Sam", "Tomas", "Yuki");
    static final List<String> OBJECTS = List.of("red chair", "old bicycle", "wooden table", "blue kettle",
        "small boat", "garden gate", "kitchen clock", "green jacket", "front door", "bread oven", "piano", "lamp",
        "tent", "map", "radio", "fence");
    static final List<String> PLACES = List.of("garage", "park", "market", "village", "harbour", "school",
        "library", "station", "bakery", "farm");
    /** Verb groups: the past tense and a synonym's, the passive participle. */
    static final List<List<String>> VERBS = List.of(List.of("painted", "coloured", "painted"),
        List.of("bought", "purchased", "bought"), List.of("fixed", "repaired", "repaired"),
        List.of("cleaned", "washed", "cleaned"), List.of("sold", "traded away", "sold"),
        List.of("found", "discovered", "found"), List.of("moved", "carried", "moved"),
        List.of("built", "made", "built"));

    static List<String> files() {
      return trainDev(202, "sentence1\tsentence2\tlabel", 320, 80, Paraphrases::row);
    }

    static String row(Random r) {
      String name = pick(r, NAMES);
      String object = pick(r, OBJECTS);
      String place = pick(r, PLACES);
      List<String> verb = VERBS.get(r.nextInt(VERBS.size()));
      String first = name + " " + verb.get(0) + " the " + object + " at the " + place + ".";
      boolean same = r.nextBoolean();
      if (!same) {
        // another event: two or three of person, thing and place changed, and another verb
        int keep = r.nextInt(4);
        name = keep == 0 ? name : other(r, NAMES, name);
        object = keep == 1 ? object : other(r, OBJECTS, object);
        place = keep == 2 ? place : other(r, PLACES, place);
        List<String> v = verb;
        while (v == verb) {
          v = VERBS.get(r.nextInt(VERBS.size()));
        }
        verb = v;
      }
      String second = switch (r.nextInt(3)) {
        case 0 -> "At the " + place + ", " + name + " " + verb.get(1) + " the " + object + ".";
        case 1 -> "The " + object + " was " + verb.get(2) + " by " + name + " at the " + place + ".";
        default -> name + " " + verb.get(1) + " the " + object + " at the " + place + ".";
      };
      return first + "\t" + second + "\t" + (same ? "paraphrase" : "different");
    }

    private static String other(Random r, List<String> words, String not) {
      String w = not;
      while (w.equals(not)) {
        w = pick(r, words);
      }
      return w;
    }
  }

  /** Span question answering: short paragraphs about invented people, four questions each. */
  static final class People {
    static final List<String> WOMEN = List.of("Mara", "Leila", "Ada", "Sofia", "Nadia", "Greta", "Lucia", "Elsa",
        "Amara", "Zara");
    static final List<String> MEN = List.of("Tobias", "Jonas", "Kenji", "Arne", "Pablo", "Idris", "Hamid",
        "Victor", "Otto", "Felix");
    static final List<String> LAST = List.of("Lind", "Okafor", "Berg", "Silva", "Novak", "Haddad", "Moreau",
        "Tanaka", "Weber", "Costa", "Ibrahim", "Larsen");
    static final List<String> CITIES = List.of("Oslo", "Lisbon", "Nairobi", "Lima", "Kyoto", "Dublin", "Cairo",
        "Quebec", "Seville", "Krakow", "Hanoi", "Accra", "Perth", "Tallinn", "Bergen", "Porto");
    static final List<String> JOBS = List.of("baker", "nurse", "pilot", "teacher", "gardener", "plumber",
        "librarian", "carpenter", "chemist", "farmer", "painter", "fisher");
    static final List<String> PETS = List.of("cat", "dog", "parrot", "rabbit", "tortoise", "goat");
    static final List<String> PET_NAMES = List.of("Pepper", "Biscuit", "Comet", "Maple", "Ziggy", "Olive",
        "Rocket", "Juniper", "Toffee", "Pixel");
    static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday");
    static final List<String> HOBBIES = List.of("swims in the river", "plays chess", "bakes bread", "sings in a choir",
        "climbs hills", "repairs old radios", "paints boats", "visits the market");

    static List<String> files() {
      Random r = new Random(303);
      Set<String> seen = new HashSet<>();
      return List.of(squad(r, seen, 60, "train"), squad(r, seen, 15, "dev"));
    }

    private static String squad(Random r, Set<String> seen, int paragraphs, String prefix) {
      StringWriter out = new StringWriter();
      try (JsonWriter w = new JsonWriter(out)) {
        w.setIndent(" ");
        w.beginObject().name("version").value("1.1").name("data").beginArray();
        w.beginObject().name("title").value("Invented people (" + prefix + ")").name("paragraphs").beginArray();
        for (int p = 0; p < paragraphs; p++) {
          paragraph(w, r, seen, prefix + "-" + String.format(Locale.ROOT, "%03d", p + 1));
        }
        w.endArray().endObject().endArray().endObject();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return out + "\n";
    }

    private static void paragraph(JsonWriter w, Random r, Set<String> seen, String id) throws IOException {
      boolean she = r.nextBoolean();
      String first;
      String name;
      do {
        first = pick(r, she ? WOMEN : MEN);
        name = first + " " + pick(r, LAST);
      } while (!seen.add(name));
      String pronoun = she ? "She" : "He";
      String hobby = pick(r, HOBBIES);
      // each sentence: pieces of text; "@slot" says the next piece is that slot's value (its offset is kept)
      List<String[]> rest = new ArrayList<>(List.of(
          new String[] {pronoun + " was born in ", "@year", Integer.toString(1950 + r.nextInt(56)), "."},
          new String[] {pronoun + " works as a ", "@job", pick(r, JOBS), "."},
          new String[] {"Every ", "@day", pick(r, DAYS), " " + pronoun.toLowerCase(Locale.ROOT) + " " + hobby + "."},
          new String[] {pronoun + " has a ", "@pet", pick(r, PETS), " called ", "@petName", pick(r, PET_NAMES), "."}));
      java.util.Collections.shuffle(rest, r);
      rest.add(0, new String[] {name + " lives in ", "@city", pick(r, CITIES), "."});
      StringBuilder context = new StringBuilder();
      Map<String, QaAnswer> answers = new LinkedHashMap<>();
      for (String[] sentence : rest) {
        context.append(context.length() == 0 ? "" : " ");
        for (int i = 0; i < sentence.length; i++) {
          if (sentence[i].startsWith("@")) {
            answers.put(sentence[i].substring(1), new QaAnswer(sentence[i + 1], context.length()));
            context.append(sentence[++i]);
          } else {
            context.append(sentence[i]);
          }
        }
      }
      String pet = answers.get("pet").text();
      List<String[]> qas = new ArrayList<>(List.of(
          new String[] {"Where does " + name + " live?", "city"},
          new String[] {"When was " + name + " born?", "year"},
          new String[] {"What does " + first + " work as?", "job"},
          new String[] {"What pet does " + name + " have?", "pet"},
          new String[] {"What is the name of " + first + "'s " + pet + "?", "petName"},
          new String[] {"On which day does " + first + " " + hobby.split(" ")[0].replaceAll("s$", "") + "?", "day"}));
      java.util.Collections.shuffle(qas, r);
      w.beginObject().name("context").value(context.toString()).name("qas").beginArray();
      for (int q = 0; q < 4; q++) {
        QaAnswer a = answers.get(qas.get(q)[1]);
        w.beginObject().name("id").value(id + "-" + (q + 1)).name("question").value(qas.get(q)[0])
            .name("answers").beginArray().beginObject().name("text").value(a.text()).name("answer_start")
            .value(a.start()).endObject().endArray().endObject();
      }
      w.endArray().endObject();
    }
  }

  /** Token tagging: sentences with people, places and organisations (BIO tags). */
  static final class Entities {
    static final List<String> PEOPLE = List.of("Anna Berg", "Kofi Mensah", "Lucia Costa", "Hamid Haddad",
        "Greta Larsen", "Kenji Tanaka", "Sofia", "Victor Novak", "Amara Okafor", "Otto Weber", "Priya Nair",
        "Tomas", "Elsa Moreau", "Idris Bello", "Nora Lind", "Pablo Ruiz");
    static final List<String> PLACES = List.of("Lisbon", "Nairobi", "Cape Town", "Oslo", "Buenos Aires", "Kyoto",
        "Dublin", "New Delhi", "Quebec", "Hanoi", "Porto", "San Diego", "Accra", "Bergen");
    static final List<String> ORGS = List.of("Northwind Bank", "Blue River Foods", "Union Rail", "Silver Lake Bakery",
        "Acme Tools", "Harbour Radio", "Green Field Farms", "City Library", "Sunrise Airlines", "Oak Street School");
    static final List<String> TEMPLATES = List.of(
        "PER flew from LOC to LOC on Monday .",
        "PER works for ORG in LOC .",
        "ORG opened a new office in LOC .",
        "Yesterday PER met PER at the ORG stand .",
        "The river runs slowly past LOC .",
        "PER said that ORG will hire more people .",
        "After the storm , ORG closed its shops in LOC .",
        "PER and PER cooked dinner for their neighbours .",
        "The train to LOC was late again .",
        "ORG gave PER a prize for the best bread .",
        "It rained all week , so we stayed inside .",
        "PER moved to LOC to study music .",
        "Many visitors came to LOC for the spring market .",
        "PER bought a bicycle from ORG .");

    static List<String> files() {
      Random r = new Random(404);
      Set<String> seen = new HashSet<>();
      return List.of(conll(distinct(300, r, seen, Entities::sentence)),
          conll(distinct(80, r, seen, Entities::sentence)));
    }

    private static String conll(List<String> sentences) {
      return "-DOCSTART- O\n\n" + String.join("", sentences);
    }

    /** One sentence: a "word TAG" line a word, then a blank line. */
    static String sentence(Random r) {
      StringBuilder sb = new StringBuilder();
      for (String slot : pick(r, TEMPLATES).split(" ")) {
        List<String> names = switch (slot) {
          case "PER" -> PEOPLE;
          case "LOC" -> PLACES;
          case "ORG" -> ORGS;
          default -> null;
        };
        if (names == null) {
          sb.append(slot).append(" O\n");
          continue;
        }
        String[] words = pick(r, names).split(" ");
        for (int i = 0; i < words.length; i++) {
          sb.append(words[i]).append(i == 0 ? " B-" : " I-").append(slot).append('\n');
        }
      }
      return sb.append('\n').toString();
    }
  }

  /**
   * Classification with numeric features: support tickets, urgent or routine. A severe problem is
   * urgent, a cosmetic one routine, and a middling one urgent when 100 or more customers are
   * affected, so neither the text nor the numbers alone get every ticket right. {@code hours_open}
   * is noise.
   */
  static final class Tickets {
    static final List<String> SEVERE = List.of("the app crashes when saving", "payments fail for every order",
        "data was lost after the update", "nobody can log in", "the site is down", "invoices show the wrong amounts",
        "the server deletes uploaded files", "after the update, the database will not start");
    static final List<String> MILD = List.of("a button label has a typo", "the logo looks blurry",
        "please add a dark theme", "the menu colour is odd", "the footer text is too small",
        "an icon is one pixel off", "the help page has an old screenshot", "the welcome email sounds stiff");
    static final List<String> MIDDLING = List.of("the report page is slow", "emails arrive late",
        "search results look strange", "exports sometimes time out", "the mobile layout breaks on some phones",
        "notifications are sent twice", "images load slowly, then appear", "the calendar shows the wrong week");
    static final List<String> OPENERS = List.of("", "Since this morning, ", "Customer reports: ", "Hello, ",
        "Again: ", "Note from support: ");

    static List<String> files() {
      return trainDev(505, "text,customers,hours_open,label", 320, 80, Tickets::row);
    }

    static String row(Random r) {
      int kind = r.nextInt(10);
      List<String> texts = kind < 3 ? SEVERE : kind < 6 ? MILD : MIDDLING;
      String opener = pick(r, OPENERS);
      String problem = pick(r, texts);
      String text = opener.isEmpty() ? capitalise(problem) : opener + problem;
      int customers = (int) Math.round(Math.exp(r.nextDouble() * Math.log(5000)));
      double hours = Math.round((0.5 + r.nextDouble() * 71.5) * 10) / 10.0;
      boolean urgent = texts == SEVERE || texts == MIDDLING && customers >= 100;
      String cell = text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
      return cell + "," + customers + "," + FeatureTemplate.format(hours) + "," + (urgent ? "urgent" : "routine");
    }
  }
}
