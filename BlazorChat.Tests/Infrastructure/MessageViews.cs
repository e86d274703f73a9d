using BlazorChat.Core.Messages;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>Builds <see cref="MessageView"/>s for tests of the classes that arrange and show them.</summary>
public static class MessageViews
{
    public static readonly Guid Ada = Guid.Parse("0197a000-0000-7000-8000-00000000ada0");
    public static readonly Guid Bob = Guid.Parse("0197a000-0000-7000-8000-000000000b0b");
    public static readonly Guid Room = Guid.Parse("0197a000-0000-7000-8000-0000000000e0");
    public static readonly DateTimeOffset Noon = new(2025, 1, 10, 12, 0, 0, TimeSpan.Zero);

    public static MessageView View(long seq, Guid? author = null, DateTimeOffset? at = null, string? html = null, bool deleted = false) =>
        new(Guid.CreateVersion7(), Room, seq, Guid.NewGuid(), author ?? Ada,
            author == Bob ? "bob" : "ada", author == Bob ? "Bob Builder" : "Ada Lovelace",
            html ?? $"<p>message {seq}</p>", at ?? Noon.AddMinutes(seq), EditedAt: null, IsDeleted: deleted);

    /// <summary>Messages <paramref name="from"/>..<paramref name="to"/>, one a minute, by Ada.</summary>
    public static List<MessageView> Range(long from, long to) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(seq => View(seq))];
}
