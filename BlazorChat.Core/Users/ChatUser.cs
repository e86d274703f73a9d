using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Core.Users;

/// <summary>An account. Identity supplies sign-in; the chat adds what other people see.</summary>
public class ChatUser : IdentityUser<Guid>
{
    /// <summary>The name shown beside messages; defaults to the username.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
