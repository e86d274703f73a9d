using System.Globalization;
using System.Text;

namespace BlazorChat.Core.Search;

/// <summary>
/// Reads the search language: words, <c>"exact phrases"</c>, <c>-exclusions</c> and the filters
/// <c>from:@user</c>, <c>in:#room</c>, <c>has:link|file|image</c>, <c>is:pinned</c>,
/// <c>before:</c>, <c>after:</c> and <c>on:</c> with dates (<c>2026-03-01</c>, <c>today</c>,
/// <c>yesterday</c>) in the searcher's time zone. Never throws: what it cannot use becomes a
/// problem the search page shows.
/// </summary>
public static class SearchQueryParser
{
    /// <summary>The longest query text read; the rest is ignored with a problem.</summary>
    public const int MaxLength = 500;

    /// <summary>The most words, phrases and exclusions one query uses.</summary>
    public const int MaxTerms = 20;

    /// <summary>The filter names, as the problems list them.</summary>
    public const string FilterList = "from:@user, in:#room, has:link, has:file, has:image, is:pinned, before:, after:, on:";

    private const string DateHint = "a date like 2026-03-01, today or yesterday";

    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="timeZone"/> says where a day starts and ends;
    /// <paramref name="now"/> is what "today" means.
    /// </summary>
    public static SearchQuery Parse(string? text, TimeZoneInfo timeZone, DateTimeOffset now)
    {
        text = (text ?? "").Trim();
        var problems = new List<string>();
        if (text.Length > MaxLength)
        {
            problems.Add($"A search reads at most {MaxLength} characters; the rest was left out.");
            text = text[..MaxLength];
        }

        var words = new List<string>();
        var phrases = new List<string>();
        var excluded = new List<string>();
        var from = new List<string>();
        var rooms = new List<string>();
        bool hasLink = false, hasFile = false, hasImage = false, isPinned = false;
        DateOnly? before = null, after = null, on = null;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);

        foreach (var token in Tokenize(text))
        {
            if (token.Filter is { } name)
            {
                if (token.Negated)
                {
                    problems.Add($"Filters cannot be excluded: \"-{name}:{token.Value}\" was left out.");
                    continue;
                }
                var value = token.Value;
                switch (name)
                {
                    case "from":
                        AddName(value.TrimStart('@'), from, "from:", "a username, like from:@alice", problems);
                        break;
                    case "in":
                        AddName(value.TrimStart('#'), rooms, "in:", "a room, like in:#general", problems);
                        break;
                    case "has":
                        switch (value.ToLowerInvariant())
                        {
                            case "link": hasLink = true; break;
                            case "file": hasFile = true; break;
                            case "image": hasImage = true; break;
                            default:
                                problems.Add($"has: takes link, file or image, not \"{value}\"; it was left out.");
                                break;
                        }
                        break;
                    case "is":
                        if (value.Equals("pinned", StringComparison.OrdinalIgnoreCase)) isPinned = true;
                        else problems.Add($"is: takes pinned, not \"{value}\"; it was left out.");
                        break;
                    case "before" or "after" or "on":
                        if (ReadDate(value, today) is { } date)
                        {
                            if (name == "before") before = Earliest(before, date);
                            else if (name == "after") after = Latest(after, date);
                            else if (on is not null && on != date) problems.Add("Only one on: date can apply; the first was used.");
                            else on = date;
                        }
                        else problems.Add($"{name}: needs {DateHint}; \"{value}\" was left out.");
                        break;
                    default:
                        problems.Add($"\"{name}:\" is not a filter, so \"{name}:{value}\" was left out. Filters: {FilterList}.");
                        break;
                }
                continue;
            }

            var term = token.Value.ToLowerInvariant();
            if (!term.Any(char.IsLetterOrDigit)) continue; // punctuation alone matches nothing
            if (words.Count + phrases.Count + excluded.Count >= MaxTerms)
            {
                problems.Add($"A search uses at most {MaxTerms} words and phrases; \"{token.Value}\" and what follows were left out.");
                break;
            }
            if (token.Negated) AddOnce(excluded, term);
            else if (token.Quoted && term.Contains(' ')) AddOnce(phrases, term);
            else AddOnce(words, term);
        }

        var (createdFrom, createdUntil) = Range(before, after, on, timeZone);
        if (createdFrom is not null && createdUntil is not null && createdFrom >= createdUntil)
            problems.Add("The dates leave no day to search: no message can be both after and before them.");

        var query = new SearchQuery
        {
            Text = text,
            Words = words,
            Phrases = phrases,
            Excluded = excluded,
            FromUsers = from,
            InRooms = rooms,
            HasLink = hasLink,
            HasFile = hasFile,
            HasImage = hasImage,
            IsPinned = isPinned,
            Before = before,
            After = after,
            On = on,
            CreatedFrom = createdFrom,
            CreatedUntil = createdUntil,
        };
        if (!query.CanRun && excluded.Count > 0)
            problems.Add("Add a word or a filter: leaving words out alone would match nearly every message.");
        return query with { Problems = problems };
    }

    /// <summary>
    /// The instants a result's time must fall between: <c>after:</c> a day starts at the next
    /// midnight, <c>before:</c> a day ends at its own midnight, <c>on:</c> spans one day.
    /// </summary>
    private static (DateTimeOffset? From, DateTimeOffset? Until) Range(DateOnly? before, DateOnly? after, DateOnly? on, TimeZoneInfo zone)
    {
        DateTimeOffset? from = null, until = null;
        if (after is { } a) from = StartOfDay(a.AddDays(1), zone);
        if (on is { } o)
        {
            from = Max(from, StartOfDay(o, zone));
            until = StartOfDay(o.AddDays(1), zone);
        }
        if (before is { } b) until = Min(until, StartOfDay(b, zone));
        return (from, until);
    }

    /// <summary>The UTC instant at which <paramref name="day"/> begins in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change does not exist; the day then starts an hour later.
        while (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static DateOnly? ReadDate(string value, DateOnly today) => value.ToLowerInvariant() switch
    {
        "today" => today,
        "yesterday" => today.AddDays(-1),
        _ => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
    };

    private static void AddName(string value, List<string> names, string filter, string example, List<string> problems)
    {
        value = value.Trim();
        if (value.Length == 0) problems.Add($"{filter} needs {example}.");
        else AddOnce(names, value.ToLowerInvariant());
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value)) list.Add(value);
    }

    private static DateOnly Earliest(DateOnly? a, DateOnly b) => a is { } x && x < b ? x : b;
    private static DateOnly Latest(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    /// <summary>One piece of the text: a word or phrase, maybe excluded, or a filter with its value.</summary>
    private readonly record struct Token(string Value, bool Negated, bool Quoted, string? Filter);

    private static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }
            if (text[i] == '"')
            {
                yield return new Token(ReadQuoted(text, ref i), negated, true, null);
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            var word = text[start..i];
            var colon = word.IndexOf(':');
            // name:value, where the name is letters only; "https://…" and "10:30" stay words.
            if (colon > 0 && word[..colon].All(char.IsAsciiLetter) && !word[(colon + 1)..].StartsWith("//", StringComparison.Ordinal))
            {
                var name = word[..colon].ToLowerInvariant();
                var value = word[(colon + 1)..];
                if (value.Length == 0 && i < text.Length && text[i] == '"') value = ReadQuoted(text, ref i);
                yield return new Token(value, negated, false, name);
                continue;
            }
            yield return new Token(word, negated, false, null);
        }
    }

    /// <summary>Reads a quoted part starting at the quote at <paramref name="i"/>; an unclosed quote runs to the end.</summary>
    private static string ReadQuoted(string text, ref int i)
    {
        var end = text.IndexOf('"', i + 1);
        var inner = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
        i = end < 0 ? text.Length : end + 1;
        return CollapseSpaces(inner);
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var part in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(part);
        }
        return builder.ToString();
    }
}
