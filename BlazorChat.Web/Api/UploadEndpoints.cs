using System.Security.Claims;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorChat.Web.Api;

/// <summary>
/// Uploads: one file per request (multipart field <c>file</c>), checked by content like the
/// composer's; the answer's id goes into <c>attachmentIds</c> of the message that sends it.
/// </summary>
internal static class UploadEndpoints
{
    /// <summary>Room for the multipart framing around the file.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    public static void MapUploadEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/rooms/{roomId:guid}/uploads", UploadAsync).WithTags("Uploads")
            .WithName("uploadFile").WithSummary("Upload a file for a message to the room")
            .WithDescription("Send `multipart/form-data` with one field `file`. Images (JPEG, PNG, GIF, WebP) are checked and re-encoded " +
                             "without metadata; PDF, text, office documents and zip are accepted as they are. Up to 5 uploads go with one " +
                             "message (`attachmentIds` when sending); an upload never sent is removed after a day.")
            .DisableAntiforgery()
            .Refuses(400, 403, 404, 413, 429);
    }

    /// <summary>True for the upload route, whose body limit is the upload size rather than the API's.</summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value?.EndsWith("/uploads", StringComparison.Ordinal) == true;

    private static async Task<Created<AttachmentView>> UploadAsync(Guid roomId, IFormFile? file, ClaimsPrincipal user,
        AttachmentService attachments, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new ChatValidationException("File", "Attach one file in the form field \"file\".");
        await using var content = file.OpenReadStream();
        var stored = await attachments.UploadAsync(user.Id(), roomId, file.FileName, content, progress: null, ct);
        return TypedResults.Created($"/files/{stored.Id}", stored);
    }
}
