namespace BlazorChat.Core.Users;

/// <summary>Site-wide roles, stored as Identity roles.</summary>
public static class SiteRoles
{
    public const string Administrator = "Administrator";
    public const string Moderator = "Moderator";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Administrator, Moderator, Member];
}
