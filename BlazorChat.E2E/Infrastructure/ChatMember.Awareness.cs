namespace BlazorChat.E2E.Infrastructure;

public sealed partial class ChatMember
{
    /// <summary>The typing indicator of the open room.</summary>
    public ILocator TypingStatus => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "typing" });

    /// <summary>Makes the browser report this tab as hidden (another tab or window in front), as it does on a real switch.</summary>
    public Task HideTabAsync() => SetVisibilityAsync("hidden");

    /// <summary>Brings the tab back into view.</summary>
    public Task ShowTabAsync() => SetVisibilityAsync("visible");

    private Task SetVisibilityAsync(string state) => Page.EvaluateAsync(
        """
        state => {
          Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
          Object.defineProperty(document, "hidden", { value: state === "hidden", configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
        }
        """, state);
}
