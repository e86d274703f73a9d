namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// The signed-in person's profile picture within one circuit: the account menu shows it, the
/// profile page changes it, and the menu follows without a reload.
/// </summary>
public sealed class ViewerAvatar
{
    private string? _version;

    /// <summary>Raised after <see cref="Version"/> changed.</summary>
    public event Action? Changed;

    /// <summary>The picture's version, or null for the generated picture.</summary>
    public string? Version
    {
        get => _version;
        set
        {
            if (_version == value) return;
            _version = value;
            Changed?.Invoke();
        }
    }

    /// <summary>The URL of <paramref name="userId"/>'s picture at <paramref name="version"/>, relative to the app's base.</summary>
    public static string UrlOf(Guid userId, string? version) => $"avatars/{userId:N}?v={version ?? "default"}";
}
