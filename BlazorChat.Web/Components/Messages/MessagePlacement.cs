namespace BlazorChat.Web.Components.Messages;

/// <summary>Where a <see cref="MessageItem"/> is shown.</summary>
public enum MessagePlacement
{
    /// <summary>The room's main timeline: every action, and the thread summary under a root.</summary>
    Timeline,

    /// <summary>The thread panel: no "Reply in thread" (the panel is the thread) and no summary.</summary>
    Thread,

    /// <summary>A list outside the timeline (pinned messages): a way back to the message, and unpinning.</summary>
    List,
}
