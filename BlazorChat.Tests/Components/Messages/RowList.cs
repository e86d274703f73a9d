using BlazorChat.Core.Messages;
using BlazorChat.Web.Components.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>Stands in for the timeline: cascades the context and renders one keyed row per message, again on every change.</summary>
internal sealed class RowList : ComponentBase
{
    private readonly List<MessageView> _messages = [];

    [Parameter] public MessageContext Context { get; set; } = default!;
    [Parameter] public IReadOnlyList<MessageView> Initial { get; set; } = [];

    protected override void OnInitialized() => _messages.AddRange(Initial);

    /// <summary>Adds <paramref name="message"/>, or replaces the one with its id, and renders the whole list again.</summary>
    public void Show(MessageView message)
    {
        var index = _messages.FindIndex(m => m.Id == message.Id);
        if (index >= 0) _messages[index] = message;
        else _messages.Add(message);
        StateHasChanged();
    }

    public void Refresh() => StateHasChanged();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<CascadingValue<MessageContext>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<MessageContext>.Value), Context);
        builder.AddComponentParameter(2, nameof(CascadingValue<MessageContext>.IsFixed), true);
        builder.AddComponentParameter(3, nameof(CascadingValue<MessageContext>.ChildContent), (RenderFragment)(rows =>
        {
            foreach (var message in _messages)
            {
                rows.OpenComponent<MessageItem>(0);
                rows.SetKey(message.Id);
                rows.AddComponentParameter(1, nameof(MessageItem.Message), message);
                rows.AddComponentParameter(2, nameof(MessageItem.LocalTime), message.CreatedAt);
                rows.CloseComponent();
            }
        }));
        builder.CloseComponent();
    }
}
