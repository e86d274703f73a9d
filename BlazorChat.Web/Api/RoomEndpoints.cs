using System.Security.Claims;
using BlazorChat.Core.Rooms;

namespace BlazorChat.Web.Api;

/// <summary>A new channel: a name, an optional topic, public unless <see cref="IsPrivate"/>.</summary>
public sealed record CreateRoomRequest(string Name, string? Topic = null, bool IsPrivate = false);

/// <summary>The direct message with one person.</summary>
public sealed record OpenDirectRequest(Guid UserId);

/// <summary>A group message with these people (you are added); reused when one with exactly them and no name exists.</summary>
public sealed record CreateGroupRequest(IReadOnlyList<Guid> UserIds, string? Name = null);

/// <summary>Settings to change; what is left out stays as it is.</summary>
public sealed record UpdateRoomRequest(string? Name = null, string? Topic = null, PostingPolicy? PostingPolicy = null, int? MemberLimit = null);

/// <summary>Rooms: the caller's own, the directory of public channels, creating, reading, changing, archiving, deleting, joining and leaving.</summary>
internal static class RoomEndpoints
{
    public static void MapRoomEndpoints(this RouteGroupBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Rooms");

        rooms.MapGet("/", (ClaimsPrincipal user, RoomService service, CancellationToken ct) => service.ListMineAsync(user.Id(), ct))
            .WithName("listMyRooms").WithSummary("The rooms you are a member of, by name");

        rooms.MapGet("/directory", (string? search, int? limit, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.BrowseAsync(user.Id(), search, limit ?? 100, ct))
            .WithName("browseDirectory").WithSummary("Public channels, optionally matching a search in name or topic (at most 200)");

        rooms.MapPost("/", async (CreateRoomRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
            {
                var room = await service.CreateChannelAsync(user.Id(), request.Name, request.Topic, request.IsPrivate, ct);
                return TypedResults.Created($"/api/v1/rooms/{room.Id}", room);
            })
            .WithName("createRoom").WithSummary("Create a public or private channel that you own").Refuses(400, 403, 409, 429);

        rooms.MapPost("/direct", (OpenDirectRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.OpenDirectAsync(user.Id(), request.UserId, ct))
            .WithName("openDirectMessage").WithSummary("Open (or create) your direct message with one person").Refuses(400, 404);

        rooms.MapPost("/groups", (CreateGroupRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.CreateGroupAsync(user.Id(), request.UserIds ?? [], request.Name, ct))
            .WithName("createGroupMessage").WithSummary("Start a group message with 2 or more other people").Refuses(400, 404, 409, 429);

        rooms.MapGet("/{roomId:guid}", (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) => service.GetAsync(user.Id(), roomId, ct))
            .WithName("getRoom").WithSummary("A room as you see it, with your role if you are a member").Refuses(404);

        rooms.MapPatch("/{roomId:guid}", async (Guid roomId, UpdateRoomRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
            {
                var current = await service.GetAsync(user.Id(), roomId, ct);
                var settings = new RoomSettings(request.Name ?? current.Name, request.Topic ?? current.Topic,
                    request.PostingPolicy ?? current.PostingPolicy, request.MemberLimit ?? current.MemberLimit);
                return await service.UpdateSettingsAsync(user.Id(), roomId, settings, ct);
            })
            .WithName("updateRoom").WithSummary("Change a room's name, topic, who may post or its member limit (room admins and up)").Refuses(400, 403, 404);

        rooms.MapPost("/{roomId:guid}/archive", (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.SetArchivedAsync(user.Id(), roomId, true, ct))
            .WithName("archiveRoom").WithSummary("Archive a room: it stays readable but takes no posts or changes (room admins and up)").Refuses(403, 404);

        rooms.MapPost("/{roomId:guid}/unarchive", (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.SetArchivedAsync(user.Id(), roomId, false, ct))
            .WithName("unarchiveRoom").WithSummary("Bring an archived room back (room admins and up)").Refuses(403, 404);

        rooms.MapDelete("/{roomId:guid}", async (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(user.Id(), roomId, ct);
                return TypedResults.NoContent();
            })
            .WithName("deleteRoom").WithSummary("Delete a room with all its messages (the owner only)").Refuses(403, 404);

        rooms.MapPost("/{roomId:guid}/join", (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) => service.JoinAsync(user.Id(), roomId, ct))
            .WithName("joinRoom").WithSummary("Join a public channel (joining one you are in changes nothing)").Refuses(403, 404, 409);

        rooms.MapPost("/{roomId:guid}/leave", async (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
            {
                await service.LeaveAsync(user.Id(), roomId, ct);
                return TypedResults.NoContent();
            })
            .WithName("leaveRoom").WithSummary("Leave a room (an owner transfers ownership first)").Refuses(403, 404);
    }
}
