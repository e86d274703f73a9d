using BlazorChat.Core.Rooms;
using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Core.Users;

/// <summary>An account. Identity supplies sign-in; the chat adds what other people see.</summary>
public class ChatUser : IdentityUser<Guid>
{
    /// <summary>The name shown beside messages; defaults to the username.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person last had BlazorChat open; updated when their last connection closes.</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Privacy: others see this person as offline whatever their real state.</summary>
    public bool HideOnlineStatus { get; set; }

    /// <summary>Privacy: others do not see when this person was last seen.</summary>
    public bool HideLastSeen { get; set; }

    /// <summary>Set by the person: shown as "do not disturb", and notifications stay silent.</summary>
    public bool DoNotDisturb { get; set; }

    /// <summary>The version of the uploaded profile picture (part of its storage key and URL); null for the generated one.</summary>
    public string? AvatarVersion { get; set; }

    /// <summary>A few words about the person, shown on their profile card (plain text).</summary>
    public string? Bio { get; set; }

    /// <summary>The person's IANA time zone (e.g. "Europe/Berlin"): learned from their browser unless <see cref="TimeZoneChosen"/>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>True when the person picked <see cref="TimeZone"/> themselves; false follows the browser.</summary>
    public bool TimeZoneChosen { get; set; }

    /// <summary>Light, dark, or whatever the device prefers.</summary>
    public ThemePreference Theme { get; set; }

    /// <summary>
    /// Which browser notifications the person wants at all; a room's own level can only narrow it
    /// (the stricter of the two applies).
    /// </summary>
    public NotificationLevel NotificationDefault { get; set; }

    public const int BanReasonMaxLength = 500;

    /// <summary>Set while a ban is in force or was last imposed; <see cref="BannedUntil"/> null with this set is a ban without end.</summary>
    public DateTimeOffset? BannedAt { get; set; }
    public DateTimeOffset? BannedUntil { get; set; }
    public string? BanReason { get; set; }

    /// <summary>A deactivated account cannot sign in until an administrator reactivates it; nothing is removed.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>A deleted account keeps its row (so its messages can show "deleted user") with every personal detail wiped.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
