using System.Globalization;
using BlazorChat.Core.Common;

namespace BlazorChat.Web.Api;

/// <summary>
/// The one place that turns a refusal from Core into an HTTP answer. Services throw
/// <see cref="ChatException"/> subtypes; every API endpoint runs behind <see cref="Filter"/>, so
/// the same refusal always gets the same status and a <c>ProblemDetails</c> body.
/// </summary>
internal static class ApiProblems
{
    /// <summary>Endpoint filter: runs the handler and maps a <see cref="ChatException"/> to its problem.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ChatException ex)
        {
            return For(ex, context.HttpContext);
        }
    }

    /// <summary>
    /// The status for a refusal: not found 404 (also for what the caller may not know exists),
    /// forbidden 403, invalid input 400, conflict 409, a limit 429 when waiting helps (it has a
    /// <c>RetryAfter</c>) and 409 when it does not (a full room stays full). The hub uses it too.
    /// </summary>
    public static int StatusOf(ChatException exception) => exception switch
    {
        ChatValidationException => StatusCodes.Status400BadRequest,
        ChatNotFoundException => StatusCodes.Status404NotFound,
        ChatForbiddenException => StatusCodes.Status403Forbidden,
        ChatLimitException { RetryAfter: not null } => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The ProblemDetails answer for a refusal: field errors for 400 and 409, <c>Retry-After</c> for 429.</summary>
    public static IResult For(ChatException exception, HttpContext http)
    {
        var status = StatusOf(exception);
        switch (exception)
        {
            case ChatValidationException invalid:
                return Results.ValidationProblem(Errors(invalid.Field, invalid.Message), detail: invalid.Message, title: "The request has invalid input.");
            case ChatConflictException conflict:
                return Results.Problem(conflict.Message, statusCode: status, title: "The request conflicts with what is stored.",
                    extensions: new Dictionary<string, object?> { ["errors"] = Errors(conflict.Field, conflict.Message) });
            case ChatLimitException { RetryAfter: { } retryAfter }:
                http.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
                break;
        }
        return Results.Problem(exception.Message, statusCode: status, title: status switch
        {
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status403Forbidden => "Not allowed.",
            StatusCodes.Status429TooManyRequests => "Too many requests.",
            _ => "A limit was reached.",
        });
    }

    /// <summary>Whole seconds, rounded up: a client that waits exactly this long succeeds.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string[]> Errors(string field, string message) =>
        new() { [string.IsNullOrEmpty(field) ? "" : char.ToLowerInvariant(field[0]) + field[1..]] = [message] };
}
