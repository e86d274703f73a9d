using System.Security.Claims;
using BlazorChat.Core.Rooms;

namespace BlazorChat.Web.Api;

/// <summary>People to add to a room.</summary>
public sealed record InviteRequest(IReadOnlyList<Guid> UserIds);

/// <summary>The role to give a member (not owner: ownership is transferred).</summary>
public sealed record ChangeRoleRequest(RoomRole Role);

/// <summary>The member who becomes the room's owner.</summary>
public sealed record TransferOwnershipRequest(Guid UserId);

/// <summary>A room's members: listing, inviting, removing, changing roles and transferring ownership.</summary>
internal static class MemberEndpoints
{
    public static void MapMemberEndpoints(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/rooms/{roomId:guid}").WithTags("Members");

        members.MapGet("/members", (Guid roomId, ClaimsPrincipal user, RoomService service, CancellationToken ct) => service.ListMembersAsync(user.Id(), roomId, ct))
            .WithName("listMembers").WithSummary("The members of a room, highest role first").Refuses(404);

        members.MapPost("/members", (Guid roomId, InviteRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.InviteAsync(user.Id(), roomId, request.UserIds ?? [], ct))
            .WithName("inviteMembers").WithSummary("Add people to a room; returns who was added (people already in it are skipped)").Refuses(400, 403, 404, 409);

        members.MapDelete("/members/{userId:guid}", async (Guid roomId, Guid userId, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
            {
                await service.RemoveMemberAsync(user.Id(), roomId, userId, ct);
                return TypedResults.NoContent();
            })
            .WithName("removeMember").WithSummary("Remove a member whose role is below yours (room moderators and up)").Refuses(403, 404);

        members.MapPut("/members/{userId:guid}/role", (Guid roomId, Guid userId, ChangeRoleRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
                service.ChangeRoleAsync(user.Id(), roomId, userId, request.Role, ct))
            .WithName("changeMemberRole").WithSummary("Give a member a role below your own (room admins and up)").Refuses(400, 403, 404);

        members.MapPost("/owner", async (Guid roomId, TransferOwnershipRequest request, ClaimsPrincipal user, RoomService service, CancellationToken ct) =>
            {
                await service.TransferOwnershipAsync(user.Id(), roomId, request.UserId, ct);
                return TypedResults.NoContent();
            })
            .WithName("transferOwnership").WithSummary("Hand the room to another member; you stay on as an admin (the owner only)").Refuses(400, 403, 404);
    }
}
