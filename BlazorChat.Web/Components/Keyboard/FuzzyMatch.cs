namespace BlazorChat.Web.Components.Keyboard;

/// <summary>
/// Subsequence matching for the quick switcher: "gnrl" finds "general", "dsr" finds "design-review".
/// Every typed character must appear in order (case ignored); a match scores higher when it starts
/// the name, starts words, runs on without gaps and leaves little of the name unmatched.
/// </summary>
public static class FuzzyMatch
{
    private const int StartBonus = 12;
    private const int WordStartBonus = 8;
    private const int RunBonus = 10;
    private const int GapPenalty = 3;

    /// <summary>
    /// The score of <paramref name="query"/> against <paramref name="candidate"/>, or null when the
    /// query is not a subsequence of it. An empty query matches everything with score 0.
    /// </summary>
    public static int? Score(string query, string candidate) => Match(query, candidate)?.Score;

    /// <summary>Like <see cref="Score"/>, with the positions of <paramref name="candidate"/> that matched (for highlighting).</summary>
    public static (int Score, IReadOnlyList<int> Positions)? Match(string query, string candidate)
    {
        query = query.Trim();
        if (query.Length == 0) return (0, []);
        // Greedy from the left finds whether it matches; then each character is moved to a better
        // position (a word start) when one exists before the next character's position.
        var positions = new int[query.Length];
        var at = 0;
        for (var q = 0; q < query.Length; q++)
        {
            at = IndexOf(candidate, query[q], at);
            if (at < 0) return null;
            positions[q] = at++;
        }
        PreferWordStarts(query, candidate, positions);

        var score = 0;
        for (var q = 0; q < positions.Length; q++)
        {
            var p = positions[q];
            if (p == 0) score += StartBonus;
            else if (IsWordStart(candidate, p)) score += WordStartBonus;
            if (q > 0)
            {
                var gap = p - positions[q - 1] - 1;
                score += gap == 0 ? RunBonus : -GapPenalty * Math.Min(gap, 5);
            }
        }
        score -= Math.Min(positions[0], 10) / 4;
        score -= (candidate.Length - query.Length) / 4;
        return (score, positions);
    }

    /// <summary>
    /// Sorts <paramref name="items"/> by how well <paramref name="query"/> matches their name, best
    /// first, dropping those it does not match; ties keep the original order.
    /// </summary>
    public static IReadOnlyList<T> Rank<T>(IEnumerable<T> items, Func<T, string> name, string query) =>
        [.. items.Select((item, index) => (Item: item, Index: index, Score: Score(query, name(item))))
            .Where(m => m.Score is not null)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Index)
            .Select(m => m.Item)];

    private static void PreferWordStarts(string query, string candidate, int[] positions)
    {
        for (var q = positions.Length - 1; q >= 0; q--)
        {
            if (IsWordStart(candidate, positions[q]) || positions[q] == 0) continue;
            var limit = q + 1 < positions.Length ? positions[q + 1] : candidate.Length;
            for (var p = positions[q] + 1; p < limit; p++)
            {
                if (IsWordStart(candidate, p) && char.ToLowerInvariant(candidate[p]) == char.ToLowerInvariant(query[q]))
                {
                    // Only when the run before it does not lose more than it gains.
                    if (q > 0 && positions[q - 1] == positions[q] - 1) break;
                    positions[q] = p;
                    break;
                }
            }
        }
    }

    private static int IndexOf(string text, char c, int from)
    {
        var lower = char.ToLowerInvariant(c);
        for (var i = from; i < text.Length; i++)
            if (char.ToLowerInvariant(text[i]) == lower) return i;
        return -1;
    }

    private static bool IsWordStart(string text, int index) =>
        index > 0 && (!char.IsLetterOrDigit(text[index - 1]) || (char.IsUpper(text[index]) && char.IsLower(text[index - 1])));
}
