namespace BlazorChat.Core.Moderation;

/// <summary>One page of a server-side paged table, with the total for the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// <summary>What a paged administration table asks for: a search, a window and an order.</summary>
public sealed record PageRequest(string? Search = null, int Skip = 0, int Take = 20, string? SortBy = null, bool Descending = false)
{
    public const int MaxTake = 200;

    internal int SafeSkip => Math.Max(0, Skip);
    internal int SafeTake => Math.Clamp(Take, 1, MaxTake);
    internal string Term => (Search ?? "").Trim().TrimStart('@', '#').Trim();
}
