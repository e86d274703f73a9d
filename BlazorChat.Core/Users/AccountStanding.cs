namespace BlazorChat.Core.Users;

/// <summary>
/// Whether an account may be used right now. Sign-in, the session check of open tabs and every
/// sanction read it, so a ban means the same thing everywhere.
/// </summary>
public static class AccountStanding
{
    /// <summary>True while a ban is in force at <paramref name="now"/>.</summary>
    public static bool IsBanned(ChatUser user, DateTimeOffset now) =>
        user.BannedAt is not null && (user.BannedUntil is not { } until || until > now);

    /// <summary>Why <paramref name="user"/> may not use BlazorChat at <paramref name="now"/>, for the person; null when they may.</summary>
    public static string? Refusal(ChatUser user, DateTimeOffset now)
    {
        if (user.DeletedAt is not null) return "This account was deleted.";
        if (user.DeactivatedAt is not null) return "This account is deactivated. Ask an administrator to reactivate it.";
        if (!IsBanned(user, now)) return null;
        var until = user.BannedUntil is { } end ? $"until {end:yyyy-MM-dd HH:mm} UTC" : "without end";
        var reason = string.IsNullOrWhiteSpace(user.BanReason) ? "" : $" Reason: {user.BanReason}";
        return $"This account is banned {until}.{reason}";
    }
}
