using BlazorChat.Core.Messages;
using BlazorChat.Web.Components.Messages;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>A static render never runs an action.</summary>
internal sealed class NoMessageActions : IMessageActions
{
    private static Task Never() => throw new InvalidOperationException("A static render ran an action.");
    public Task ToggleReactionAsync(MessageView message, string emoji) => Never();
    public Task<string?> EditAsync(MessageView message, string body) => throw new InvalidOperationException();
    public Task DeleteAsync(MessageView message) => Never();
    public Task ShowHistoryAsync(MessageView message) => Never();
    public Task OpenThreadAsync(MessageView message) => Never();
    public Task TogglePinAsync(MessageView message) => Never();
    public Task ToggleSavedAsync(MessageView message) => Never();
    public Task QuoteAsync(MessageView message) => Never();
    public Task CopyLinkAsync(MessageView message) => Never();
    public Task MarkUnreadAsync(MessageView message) => Never();
    public Task JumpToAsync(MessageView message) => Never();
    public Task ReportAsync(MessageView message) => Never();
}
