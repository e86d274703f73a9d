using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Users;

/// <summary>The first account of an installation administers it; everyone after is a member.</summary>
public sealed class SiteRoleAssignment
{
    [Fact]
    public async Task The_first_account_becomes_Administrator_and_the_next_ones_Member()
    {
        // A fresh installation: no shared fixture, whose other users would already be there.
        await using var host = await ChatTestHost.CreateAsync(TestDatabase.Sqlite);

        var first = await host.CreateUserAsync("first");
        var second = await host.CreateUserAsync("second");
        var third = await host.CreateUserAsync("third");

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        (await users.GetRolesAsync(first)).ShouldBe([SiteRoles.Administrator]);
        (await users.GetRolesAsync(second)).ShouldBe([SiteRoles.Member]);
        (await users.GetRolesAsync(third)).ShouldBe([SiteRoles.Member]);
    }
}
