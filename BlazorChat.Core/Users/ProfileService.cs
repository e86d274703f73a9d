using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Presence;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Users;

/// <summary>A person's own settings, as the settings page shows them.</summary>
public sealed record ProfileSettings(
    Guid UserId, string UserName, string DisplayName, string? Bio, string? TimeZone, bool TimeZoneChosen,
    ThemePreference Theme, NotificationLevel NotificationDefault, bool HideOnlineStatus, bool HideLastSeen);

/// <summary>What the person edits in the profile section; a null <see cref="TimeZone"/> follows the browser.</summary>
public sealed record ProfileChange(string? DisplayName, string? Bio, string? TimeZone);

/// <summary>Someone else's profile, as the profile card shows it: status and last seen as their privacy allows.</summary>
public sealed record ProfileCard(
    Guid UserId, string UserName, string DisplayName, string? Bio, string? TimeZone, string? AvatarVersion,
    PresenceView Presence, bool IsViewer, bool IsActive);

/// <summary>The person's own settings changed; their other tabs follow (theme, time zone, names).</summary>
public sealed record ProfileSettingsChanged(ProfileSettings Settings) : ChatEvent
{
    public override string Topic => Topics.User(Settings.UserId);
}

/// <summary>
/// The write path for a person's profile and preferences: display name, bio, time zone, theme,
/// notification default and privacy. Each change is validated by <see cref="ProfileRules"/>,
/// written, and announced on the person's topic so their other tabs apply it.
/// </summary>
public sealed class ProfileService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, PresenceTracker presence, TimeProvider clock)
{
    public async Task<ProfileSettings> GetAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("user");
        return SettingsOf(user);
    }

    /// <summary>The theme to paint a page with before anything else loads (system when the account is unknown).</summary>
    public async Task<ThemePreference> GetThemeAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => (ThemePreference?)u.Theme).SingleOrDefaultAsync(ct) ?? ThemePreference.System;
    }

    /// <summary>Saves display name, bio and time zone together; nothing is saved when one of them is refused.</summary>
    public Task<ProfileSettings> UpdateProfileAsync(Guid userId, ProfileChange change, CancellationToken ct = default)
    {
        var displayName = ProfileRules.DisplayName(change.DisplayName);
        var bio = ProfileRules.Bio(change.Bio);
        var timeZone = ProfileRules.TimeZone(change.TimeZone);
        return UpdateAsync(userId, user =>
        {
            user.DisplayName = displayName;
            user.Bio = bio;
            user.TimeZoneChosen = timeZone is not null;
            if (timeZone is not null) user.TimeZone = timeZone;
        }, ct);
    }

    /// <summary>Notes the time zone the browser reports, unless the person chose one; an unknown id is ignored.</summary>
    public async Task NoteBrowserTimeZoneAsync(Guid userId, string? ianaId, CancellationToken ct = default)
    {
        if (ProfileRules.TryFind(ianaId) is null || ianaId!.Length > ProfileRules.TimeZoneMaxLength) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId && !u.TimeZoneChosen && (u.TimeZone == null || u.TimeZone != ianaId))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, ianaId), ct);
    }

    public Task<ProfileSettings> SetThemeAsync(Guid userId, ThemePreference theme, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(theme)) throw new ChatValidationException("Theme", "Choose light, dark or system.");
        return UpdateAsync(userId, user => user.Theme = theme, ct);
    }

    public Task<ProfileSettings> SetNotificationDefaultAsync(Guid userId, NotificationLevel level, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(level)) throw new ChatValidationException("NotificationDefault", "Choose all, mentions only or nothing.");
        return UpdateAsync(userId, user => user.NotificationDefault = level, ct);
    }

    /// <summary>Changes what others see of the person's presence; open views of them update at once.</summary>
    public async Task<ProfileSettings> SetPrivacyAsync(Guid userId, bool hideOnlineStatus, bool hideLastSeen, CancellationToken ct = default)
    {
        var settings = await UpdateAsync(userId, user =>
        {
            user.HideOnlineStatus = hideOnlineStatus;
            user.HideLastSeen = hideLastSeen;
        }, ct);
        await presence.RefreshSettingsAsync(userId, ct);
        return settings;
    }

    /// <summary>Another person's card for <paramref name="viewerId"/>: any signed-in person may see any active account's card.</summary>
    public async Task<ProfileCard> GetCardAsync(Guid viewerId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("person");
        var live = presence.Get(userId);
        // Not connected to this node: offline, with the stored last-seen time unless it is hidden.
        var shown = live == PresenceView.Unknown
            ? PresenceRules.Visible(PresenceStatus.Offline, user.LastSeenAt, user.HideOnlineStatus, user.HideLastSeen)
            : live;
        var active = user.DeletedAt is null && AccountStanding.Refusal(user, clock.GetUtcNow()) is null;
        return new ProfileCard(user.Id, user.UserName ?? "", user.DisplayName, user.DeletedAt is null ? user.Bio : null,
            user.DeletedAt is null ? user.TimeZone : null, user.AvatarVersion, shown, user.Id == viewerId, active);
    }

    private async Task<ProfileSettings> UpdateAsync(Guid userId, Action<ChatUser> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("user");
        if (AccountStanding.Refusal(user, clock.GetUtcNow()) is { } refusal) throw new ChatForbiddenException(refusal);
        change(user);
        await db.SaveChangesAsync(ct);
        var settings = SettingsOf(user);
        await bus.PublishAsync(new ProfileSettingsChanged(settings), ct);
        return settings;
    }

    private static ProfileSettings SettingsOf(ChatUser user) => new(
        user.Id, user.UserName ?? "", user.DisplayName, user.Bio, user.TimeZone, user.TimeZoneChosen,
        user.Theme, user.NotificationDefault, user.HideOnlineStatus, user.HideLastSeen);
}
