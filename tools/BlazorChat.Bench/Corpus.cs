namespace BlazorChat.Bench;

/// <summary>
/// A deterministic, chat-like corpus: a vocabulary whose word frequencies follow Zipf's law (as
/// natural text does: a few words everywhere, a long tail of rare ones), people with names,
/// public and private rooms of very different activity, and short messages with the odd link,
/// inline code and mention. The same seed gives the same corpus, so the benchmark can pick
/// words by how common they are.
/// </summary>
public sealed class Corpus
{
    private static readonly string[] Common =
    """
    the to and a i you it is of that in we for this on be have not with do are but so just can what
    at was if my get will they me there about all like one know would think no your up out now how
    time good yes see then it's from ok don't i'm go also here should more when did need could work
    make want today thanks really going let's well right way new any some still something sure back
    look which because did why first day meeting team yeah got take them were our been maybe who week
    use only people other over thing after where tomorrow lunch morning call update done please check
    """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] Technical =
    """
    deploy release build test merge branch commit review server client database query index cache
    config docker kubernetes cluster node pipeline ci staging production bug fix issue ticket sprint
    backlog api endpoint latency timeout error exception stacktrace log metrics dashboard alert oncall
    incident rollback migration schema postgres redis queue worker cron job script python rust golang
    typescript react frontend backend design spec roadmap customer feedback invoice contract budget
    hiring interview onboarding standup retro demo launch marketing sales support docs wiki password
    """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] FirstNames =
    """
    alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent
    victor walter yusuf zoe amara bjorn chen dmitri esra fatima goran hana ines jamal kenji lena mateo
    noor oskar priya quinn rosa sven tariq uma vera wen xavier yara zaid aiko bruno chloe diego elif
    """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] LastNames =
    """
    smith jones garcia mueller rossi tanaka kim nguyen okafor silva novak kowalski jensen dubois
    moreau costa haddad cohen ivanova larsen berg fischer weber wagner becker schulz hoffmann koch
    """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] Syllables =
    """
    ka lo mi ne ra to su vi be do fa gu ha ji ke la mo nu pe ri sa te vo wa xi yo ze an el in on ur
    ar er or al ul ex im ba ce di fo ga hi ku le ma no pi qu re si ta ve zu tra pro ver con der
    """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private readonly double[] _cumulative;
    private readonly Random _random;

    public Corpus(int seed, int vocabularySize = 50_000)
    {
        _random = new Random(seed);
        var words = new List<string>();
        var seen = new HashSet<string>();
        void Add(string w) { if (seen.Add(w)) words.Add(w); }
        // Chat's most common words first, then the team's jargon, then a long tail of made-up words.
        foreach (var w in Common) Add(w);
        foreach (var w in Technical) Add(w);
        var tail = new Random(seed + 1);
        while (words.Count < vocabularySize)
        {
            var count = 2 + tail.Next(3);
            Add(string.Concat(Enumerable.Range(0, count).Select(_ => Syllables[tail.Next(Syllables.Length)])));
        }
        Vocabulary = words;

        // Zipf with s = 1.07 over the ranks.
        _cumulative = new double[words.Count];
        var total = 0.0;
        for (var i = 0; i < words.Count; i++) _cumulative[i] = total += 1.0 / Math.Pow(i + 1, 1.07);
        for (var i = 0; i < words.Count; i++) _cumulative[i] /= total;
    }

    /// <summary>Words by rank: index 0 is the most common.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    public Random Random => _random;

    public string Word() => Vocabulary[Rank()];

    private int Rank()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    /// <summary>A person: (username, display name), unique by <paramref name="number"/>.</summary>
    public static (string Username, string DisplayName) Person(int number)
    {
        var first = FirstNames[number % FirstNames.Length];
        var last = LastNames[number / FirstNames.Length % LastNames.Length];
        return ($"{first}.{last}{number}", $"{char.ToUpperInvariant(first[0])}{first[1..]} {char.ToUpperInvariant(last[0])}{last[1..]}");
    }

    /// <summary>A room name like "deploy-kanomi-17".</summary>
    public string RoomName(int number) => $"{Technical[number % Technical.Length]}-{Vocabulary[500 + _random.Next(5000)]}-{number}";

    /// <summary>A message of a few to a few dozen words, sometimes with a link, code or a mention.</summary>
    public string Message(IReadOnlyList<string> usernames)
    {
        var length = Math.Min(60, 2 + (int)(-Math.Log(1 - _random.NextDouble()) * 10));
        var words = new string[length];
        for (var i = 0; i < length; i++) words[i] = Word();
        var roll = _random.NextDouble();
        if (roll < 0.03) words[_random.Next(length)] = $"`{Word()}.{Word()}()`";
        else if (roll < 0.05) words[0] = "@" + usernames[_random.Next(usernames.Count)];
        var text = string.Join(' ', words);
        text = char.ToUpperInvariant(text[0]) + text[1..];
        if (_random.NextDouble() < 0.05) text += $" https://{Technical[_random.Next(Technical.Length)]}.example.com/{Word()}/{_random.Next(10_000)}";
        return text + (_random.NextDouble() < 0.3 ? "?" : _random.NextDouble() < 0.5 ? "." : "");
    }

    /// <summary>An index in [0, count) where low indexes are much likelier (busy rooms, chatty people).</summary>
    public int Skewed(int count, double exponent = 1.6) => Math.Min(count - 1, (int)(count * Math.Pow(_random.NextDouble(), exponent)));
}
