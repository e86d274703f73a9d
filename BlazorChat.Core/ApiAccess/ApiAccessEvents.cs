using BlazorChat.Core.Events;

namespace BlazorChat.Core.ApiAccess;

/// <summary>
/// An API sign-in or a personal access token was revoked: hub connections that authenticated with
/// it close at once instead of living on until they disconnect.
/// </summary>
public sealed record ApiCredentialRevoked(Guid UserId, Guid CredentialId) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}
