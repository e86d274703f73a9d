using BlazorChat.Core.Attachments;
using BlazorChat.Core.Users;
using BlazorChat.Web.Components.Shared;
using Microsoft.Net.Http.Headers;

namespace BlazorChat.Web.Endpoints;

/// <summary>
/// Serves message files and profile pictures to signed-in people. Whether someone may read a file
/// is Core's decision (<see cref="AttachmentService.OpenAsync"/>); anything they may not read is a
/// plain 404, the same as a file that does not exist. Responses never let the browser guess the
/// type, and a file is sandboxed even when opened directly.
/// </summary>
internal static class FileEndpoints
{
    /// <summary>A file's bytes never change under its URL: browsers keep them (privately) for a year.</summary>
    private const string Immutable = "private, max-age=31536000, immutable";

    private const string FilePolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("").RequireAuthorization();
        files.MapGet("/files/{id:guid}", (Guid id, HttpContext http, AttachmentService attachments, CancellationToken ct) =>
            ServeAttachmentAsync(http, attachments, id, AttachmentVariant.Original, ct));
        files.MapGet("/files/{id:guid}/{size:regex(^(thumb|preview)$)}", (Guid id, string size, HttpContext http, AttachmentService attachments, CancellationToken ct) =>
            ServeAttachmentAsync(http, attachments, id, size == "thumb" ? AttachmentVariant.Thumbnail : AttachmentVariant.Preview, ct));
        files.MapGet("/avatars/{userId:guid}", ServeAvatarAsync);
        return app;
    }

    private static async Task<IResult> ServeAttachmentAsync(HttpContext http, AttachmentService attachments, Guid id, AttachmentVariant variant, CancellationToken ct)
    {
        if (CurrentUser.IdOf(http.User) is not { } viewerId) return Results.NotFound();
        var content = await attachments.OpenAsync(viewerId, id, variant, ct);
        if (content is null) return Results.NotFound();
        await using (content.Stored)
        {
            var disposition = new ContentDispositionHeaderValue(content.IsImage ? "inline" : "attachment");
            // filename= gets an ASCII fallback, filename*= the real name, percent-encoded.
            disposition.SetHttpFileName(content.FileName);
            var headers = http.Response.Headers;
            headers.ContentDisposition = disposition.ToString();
            headers.CacheControl = Immutable;
            headers.ContentSecurityPolicy = FilePolicy;
            headers.XContentTypeOptions = "nosniff";
            http.Response.ContentType = content.ContentType;
            http.Response.ContentLength = content.Stored.Length;
            await content.Stored.Content.CopyToAsync(http.Response.Body, ct);
        }
        return Results.Empty;
    }

    private static async Task<IResult> ServeAvatarAsync(Guid userId, string? v, HttpContext http, AvatarService avatars, CancellationToken ct)
    {
        var avatar = await avatars.OpenAsync(userId, ct);
        if (avatar is null) return Results.NotFound();
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = FilePolicy;
        headers.XContentTypeOptions = "nosniff";
        // The URL carries the version: the one asked for is kept long, anything else revalidated.
        headers.CacheControl = v is not null && v == (avatar.Version ?? "default") ? Immutable : "private, no-cache";
        http.Response.ContentType = avatar.ContentType;
        if (avatar.Stored is not { } stored) return Results.Text(avatar.Svg!, avatar.ContentType);
        await using (stored)
        {
            http.Response.ContentLength = stored.Length;
            await stored.Content.CopyToAsync(http.Response.Body, ct);
        }
        return Results.Empty;
    }
}
