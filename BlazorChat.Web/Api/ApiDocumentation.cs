using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BlazorChat.Web.Api;

/// <summary>
/// The OpenAPI document <c>/openapi/v1.json</c> (generated from the endpoints themselves, so it
/// cannot fall behind) and the docs page <c>/api/docs</c>, a page of our own that reads it.
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";
    private const string BearerScheme = "bearer";

    private const string Description = """
        The BlazorChat REST API: the same rooms, messages, reactions, pins, threads and read markers as the web UI,
        through the same rules, validation and limits.

        **Authentication.** `POST /api/v1/auth/login` with `{ "login": "<email or username>", "password": "..." }`
        returns an `accessToken` (send it as `Authorization: Bearer <token>`), its lifetime `expiresIn` in seconds, and a
        `refreshToken` for `POST /api/v1/auth/refresh`. `POST /api/v1/auth/logout` revokes both. Personal access tokens
        (`bcpat_...`, created on the account settings page) work the same way in the `Authorization` header.

        **Errors** are `application/problem+json`: 400 with `errors` by field, 401, 403, 404 (also for private rooms you
        are not in), 409, 413, and 429 with a `Retry-After` header.

        **Real time.** The SignalR hub `/hubs/chat` (token in the `access_token` query parameter) sends the events the UI
        gets. Invoke `SubscribeRoom(roomId)` / `UnsubscribeRoom(roomId)`, `SendMessage(roomId, { body, clientMessageId?, threadRootId?,
        quotedMessageId? })`, `Typing(roomId, isTyping)`, `MarkRead(roomId, lastReadSeq)` and `WatchPresence([userIds])`.
        Events: `messagePosted` and `messageChanged` (edits, deletions, reactions, pins, thread replies; replace by `seq`),
        `typing`, `readMarker`, `membersChanged`, `roomUpdated`, `roomDeleted`, and for yourself `roomJoined`, `roomLeft`,
        `readMarkerMoved`, `mentioned`, `savedMessagesChanged`; `presence` for people you watch. `SubscribeRoom` returns
        the room; every message newer than its `lastSeq` arrives live, older ones are history (a `503:` refusal means
        live updates are unavailable for a moment: try again). Leaving or being removed from a room ends its
        subscription: after `roomLeft`, nothing more of the room arrives. After a reconnect, and on `resync` (the server
        may have missed news from its other nodes), fetch `GET /rooms/{id}/messages?after=<last seq>`.
        """;

    public static void AddChatOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // The API only: pages, Identity's form endpoints and health checks are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "BlazorChat API",
                    Version = "1",
                    Description = Description,
                    License = new OpenApiLicense { Name = "Proprietary (this installation)", Url = new Uri("https://localhost/api/docs") },
                };
                // The server is where the document was fetched from; no trailing slash, so paths join cleanly.
                foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An access token from /api/v1/auth/login, or a personal access token (bcpat_...).",
                    },
                };
                (string Name, string Text)[] tags =
                [
                    ("Authentication", "Sign in, refresh, sign out."),
                    ("Rooms", "Channels, direct and group messages."),
                    ("Members", "Who is in a room and their roles."),
                    ("Messages", "History, sending, editing, deleting."),
                    ("Threads", "Replies to a message."),
                    ("Reactions", "Emoji reactions."),
                    ("Pins", "Pinned messages of a room."),
                    ("Read state", "Read markers, receipts and typing."),
                    ("Users", "People and presence."),
                    ("Personal access tokens", "Long-lived tokens for scripts and bots."),
                ];
                document.Tags = new HashSet<OpenApiTag>(tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Text }));
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                // An empty requirement says "no credentials needed"; the others need the bearer scheme.
                operation.Security =
                [
                    anonymous ? new OpenApiSecurityRequirement() : new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                ];
                return Task.CompletedTask;
            });
        });

    public static void MapChatOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // A page of our own (wwwroot/api-docs): no third-party assets, and it keeps the strict CSP.
        app.MapGet("/api/docs", (IWebHostEnvironment environment) =>
                Results.File(environment.WebRootFileProvider.GetFileInfo("api-docs/index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
