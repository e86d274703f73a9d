using System.Security.Claims;

namespace BlazorChat.Web.Api;

/// <summary>Who is calling, as the API's authentication established it.</summary>
internal static class ApiUser
{
    /// <summary>The caller's user id; endpoints behind the API policy always have one.</summary>
    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("An API endpoint ran without an authenticated user.");
}

/// <summary>OpenAPI metadata shared by the endpoint groups.</summary>
internal static class ApiMetadata
{
    /// <summary>Declares the problem answers an endpoint can give besides 401 and 429, which every secured endpoint can give.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest) endpoint.ProducesValidationProblem();
            else endpoint.ProducesProblem(status);
        }
        return endpoint;
    }
}
