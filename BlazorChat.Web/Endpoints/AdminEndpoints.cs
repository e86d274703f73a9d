using System.Text;
using BlazorChat.Core.Common;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Users;
using BlazorChat.Web.Components.Shared;

namespace BlazorChat.Web.Endpoints;

/// <summary>Administration downloads that a page links to (a circuit cannot stream a file).</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/audit.csv", async (HttpContext http, AuditTrail audit, string? action, string? actor, string? text, CancellationToken ct) =>
            {
                if (CurrentUser.IdOf(http.User) is not { } userId) return Results.Unauthorized();
                try
                {
                    var csv = await audit.ExportCsvAsync(userId, new AuditFilter(action, actor, text), ct);
                    return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
                        $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
                }
                catch (ChatForbiddenException)
                {
                    return Results.Forbid();
                }
            })
            .RequireAuthorization(policy => policy.RequireRole(SiteRoles.Administrator));
        return app;
    }
}
