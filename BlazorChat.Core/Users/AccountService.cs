using BlazorChat.Core.Data;
using BlazorChat.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Users;

/// <summary>Outcome of a registration: the user, or errors keyed by the form field they belong to.</summary>
public sealed record RegistrationResult(ChatUser? User, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>Registration and sign-in lookups on top of Identity.</summary>
public sealed class AccountService(
    UserManager<ChatUser> users,
    IDbContextFactory<ChatDbContext> dbFactory,
    SiteSettingsService settings,
    InviteService invites,
    TimeProvider clock)
{
    /// <summary>
    /// Creates an account. The first account of an installation becomes Administrator, every
    /// later one Member. After the first account, the site's registration mode applies: closed
    /// refuses, invite-only needs a usable <paramref name="inviteCode"/>.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(string email, string username, string password, string? inviteCode = null, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        email = (email ?? "").Trim();
        username = (username ?? "").Trim();
        if (UsernameRules.Check(username) is { } usernameProblem) Add("Username", usernameProblem);
        else if (await users.FindByNameAsync(username) is not null) Add("Username", "This username is taken.");
        if (email.Length > 0 && await users.FindByEmailAsync(email) is not null) Add("Email", "An account with this email exists already.");
        if (errors.Count > 0) return Failed(errors);
        if (await RegistrationRefusalAsync(inviteCode, ct) is { } refusal)
        {
            Add("", refusal);
            return Failed(errors);
        }

        var user = new ChatUser
        {
            Id = Guid.CreateVersion7(),
            UserName = username,
            Email = email,
            DisplayName = username,
            CreatedAt = clock.GetUtcNow(),
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone registered the same name or email between our check and our insert.
            if (await users.FindByNameAsync(username) is not null) Add("Username", "This username is taken.");
            if (email.Length > 0 && await users.FindByEmailAsync(email) is not null) Add("Email", "An account with this email exists already.");
            if (errors.Count == 0) Add("Username", "This username or email was just taken; try again.");
            return Failed(errors);
        }
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) Add(FieldOf(error), error.Description);
            return Failed(errors);
        }

        // REVIEW: two registrations racing on an empty installation can both see no administrator;
        // both then become administrators, which is safe (they are the installation's first people).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var adminRoleId = await db.Roles.Where(r => r.NormalizedName == SiteRoles.Administrator.ToUpperInvariant()).Select(r => r.Id).SingleAsync(ct);
        var hasAdministrator = await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRoleId, ct);
        await users.AddToRoleAsync(user, hasAdministrator ? SiteRoles.Member : SiteRoles.Administrator);
        return new RegistrationResult(user, new Dictionary<string, string[]>());
    }

    /// <summary>Why nobody may register now, or null when registration is open to this person (the first account always is).</summary>
    public async Task<string?> RegistrationRefusalAsync(string? inviteCode, CancellationToken ct = default)
    {
        var mode = (await settings.GetAsync(ct)).RegistrationMode;
        if (mode == RegistrationMode.Open) return null;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (!await db.Users.AnyAsync(ct)) return null;
        if (mode == RegistrationMode.Closed) return "Registration is closed on this site.";
        return await invites.TryRedeemAsync(inviteCode, ct) ? null : "Registration needs a valid invite link; this one is missing, used up or expired.";
    }

    /// <summary>The site's registration mode, for the register page to explain itself.</summary>
    public async Task<RegistrationMode> RegistrationModeAsync(CancellationToken ct = default) => (await settings.GetAsync(ct)).RegistrationMode;

    /// <summary>Finds an account by email address or by username.</summary>
    public async Task<ChatUser?> FindByEmailOrUsernameAsync(string emailOrUsername)
    {
        var value = (emailOrUsername ?? "").Trim();
        if (value.Length == 0) return null;
        return value.Contains('@')
            ? await users.FindByEmailAsync(value) ?? await users.FindByNameAsync(value)
            : await users.FindByNameAsync(value);
    }

    private static RegistrationResult Failed(Dictionary<string, List<string>> errors) =>
        new(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private static string FieldOf(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        _ when error.Code.Contains("Email", StringComparison.Ordinal) => "Email",
        _ when error.Code.Contains("UserName", StringComparison.Ordinal) => "Username",
        _ => "",
    };
}
