using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Web.Api;

/// <summary>Bound from <c>BlazorChat:Api</c>: token lifetimes, request limits and which browser origins may call the API.</summary>
public sealed class ApiOptions
{
    public const string Section = "BlazorChat:Api";

    /// <summary>How long an access token works before the client must refresh it.</summary>
    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 30;

    /// <summary>How long a refresh token works; a client that stays away longer signs in again.</summary>
    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Requests per minute for one token (a sign-in or a personal access token), in bursts of up to this many.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Sign-in and refresh attempts per minute from one address (wrong passwords also lock the account, as in the UI).</summary>
    [Range(1, 1_000_000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>The largest request body the API reads, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Browser origins allowed to call the API and the hub (CORS). Empty: none, only same-origin pages and non-browser clients.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
