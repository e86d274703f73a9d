using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorChat.Web.Api;

/// <summary>
/// Request limits of the API: per token (a sign-in or a personal access token; per address before
/// sign-in) and, for sign-in and refresh, per address. A refusal is a 429 ProblemDetails with
/// <c>Retry-After</c>. Sends are also paced by Core's per-person message limit, as in the UI.
/// </summary>
/// <remarks>REVIEW: counted per node, like the message limit, until limits move to Redis.</remarks>
internal static class ApiRateLimits
{
    public const string TokenPolicy = "api-token";
    public const string LoginPolicy = "api-login";

    public static void AddChatApiRateLimits(this IServiceCollection services, ApiOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(TokenPolicy, http =>
            {
                var credential = ApiAuthentication.CredentialId(http.User);
                var key = credential is { } id ? $"token:{id:N}" : $"address:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestsPerMinute,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.RequestsPerMinute,
                    QueueLimit = 0,
                });
            });
            limiter.AddPolicy(LoginPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter($"login:{http.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds(wait);
                await Results.Problem("Too many requests; wait before trying again.", statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.").ExecuteAsync(http);
            };
        });
    }
}
