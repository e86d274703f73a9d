using BlazorChat.Core.Messages;
using BlazorChat.Web.Components.Messages;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// Stands in for the timeline's side of <see cref="IMessageActions"/>: records what a message asked
/// for, as "Action seq [argument]", and accepts every edit.
/// </summary>
internal sealed class RecordedMessageActions : IMessageActions
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls => _calls;

    private Task Record(string action, MessageView message, string? argument = null)
    {
        _calls.Add(argument is null ? $"{action} {message.Seq}" : $"{action} {message.Seq} {argument}");
        return Task.CompletedTask;
    }

    public Task ToggleReactionAsync(MessageView message, string emoji) => Record("React", message, emoji);
    public async Task<string?> EditAsync(MessageView message, string body)
    {
        await Record("Edit", message, body);
        return null;
    }
    public Task DeleteAsync(MessageView message) => Record("Delete", message);
    public Task ShowHistoryAsync(MessageView message) => Record("ShowHistory", message);
    public Task OpenThreadAsync(MessageView message) => Record("OpenThread", message);
    public Task TogglePinAsync(MessageView message) => Record("TogglePin", message);
    public Task ToggleSavedAsync(MessageView message) => Record("ToggleSaved", message);
    public Task QuoteAsync(MessageView message) => Record("Quote", message);
    public Task CopyLinkAsync(MessageView message) => Record("CopyLink", message);
    public Task MarkUnreadAsync(MessageView message) => Record("MarkUnread", message);
    public Task JumpToAsync(MessageView message) => Record("JumpTo", message);
    public Task ReportAsync(MessageView message) => Record("Report", message);
}
