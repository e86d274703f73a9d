using AngleSharp.Dom;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>Component tests of a message shown in a room, as the timeline shows it: with a cascading <see cref="MessageContext"/>.</summary>
public abstract class MessageTest : ComponentTest
{
    protected static RoomView RoomFor(RoomRole? role, bool archived = false) =>
        new(MessageViews.Room, "general", "General", "", RoomKind.PublicChannel, archived, 10, role, 10);

    /// <summary>The names of the buttons in the message's "Message actions" group, in order (none when it has no such group).</summary>
    protected static List<string> ActionNames(IElement article) =>
        [.. article.AllByRole("group", "Message actions").SelectMany(g => g.NamesOf("button"))];

    /// <summary>Renders <paramref name="message"/> as <paramref name="viewer"/> sees it in a room where they have <paramref name="role"/>.</summary>
    protected IRenderedComponent<IComponent> ShowInRoom(MessageView message, Guid viewer, IMessageActions actions, RoomRole? role = RoomRole.Member,
        bool archived = false, MessagePlacement placement = MessagePlacement.Timeline, bool focused = false)
    {
        var context = new MessageContext(viewer, RoomFor(role, archived), new ViewerClock(), actions);
        return Render(builder =>
        {
            builder.OpenComponent<CascadingValue<MessageContext>>(0);
            builder.AddComponentParameter(1, nameof(CascadingValue<MessageContext>.Value), context);
            builder.AddComponentParameter(2, nameof(CascadingValue<MessageContext>.ChildContent), (RenderFragment)(item =>
            {
                item.OpenComponent<MessageItem>(0);
                item.AddComponentParameter(1, nameof(MessageItem.Message), message);
                item.AddComponentParameter(2, nameof(MessageItem.LocalTime), message.CreatedAt);
                item.AddComponentParameter(3, nameof(MessageItem.Placement), placement);
                item.AddComponentParameter(4, nameof(MessageItem.IsFocused), focused);
                item.CloseComponent();
            }));
            builder.CloseComponent();
        });
    }
}
