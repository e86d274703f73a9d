using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Users;

/// <summary>Finding people by username or display name, anywhere in the name and ignoring case, never oneself.</summary>
public sealed class PeopleSearch(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;
    private UserDirectory Directory => Host.Services.GetRequiredService<UserDirectory>();

    /// <summary>A registered user (username starting with <paramref name="username"/>) shown as <paramref name="displayName"/>.</summary>
    private async Task<ChatUser> PersonAsync(string username, string displayName)
    {
        var user = await Host.CreateUserAsync(username);
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, displayName));
        user.DisplayName = displayName;
        return user;
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Matches_the_start_or_the_middle_of_a_username_ignoring_case()
    {
        var tag = Tag();
        var viewer = await Host.CreateUserAsync("viewer");
        var person = await PersonAsync($"zed{tag}", "Someone");

        (await Directory.SearchAsync(viewer.Id, $"ZED{tag}")).ShouldHaveSingleItem().Id.ShouldBe(person.Id);
        (await Directory.SearchAsync(viewer.Id, tag.ToUpperInvariant())).ShouldHaveSingleItem().Id.ShouldBe(person.Id);
        (await Directory.SearchAsync(viewer.Id, $"@zed{tag}")).ShouldHaveSingleItem().Username.ShouldBe(person.UserName);
    }

    [Fact]
    public async Task Matches_the_start_or_the_middle_of_a_display_name_ignoring_case()
    {
        var tag = Tag();
        var viewer = await Host.CreateUserAsync("viewer");
        var person = await PersonAsync("dn", $"Grace {tag} Hopper");

        var found = (await Directory.SearchAsync(viewer.Id, $"{tag} HOP")).ShouldHaveSingleItem();

        found.ShouldBe(new UserSummary(person.Id, person.UserName!, $"Grace {tag} Hopper"));
        (await Directory.SearchAsync(viewer.Id, $"grace {tag}")).ShouldHaveSingleItem().Id.ShouldBe(person.Id);
    }

    [Fact]
    public async Task Names_that_start_with_the_search_come_before_names_that_contain_it()
    {
        var tag = Tag();
        var viewer = await Host.CreateUserAsync("viewer");
        var inside = await PersonAsync("in", $"Aaron x{tag}");
        var starts = await PersonAsync("st", $"{tag} Zoe");

        (await Directory.SearchAsync(viewer.Id, tag)).Select(p => p.Id).ShouldBe([starts.Id, inside.Id]);
    }

    [Fact]
    public async Task The_searcher_is_never_among_the_results()
    {
        var tag = Tag();
        var viewer = await PersonAsync("self", $"Mirror {tag}");
        var other = await PersonAsync("other", $"Mirror {tag} too");

        (await Directory.SearchAsync(viewer.Id, $"mirror {tag}")).ShouldHaveSingleItem().Id.ShouldBe(other.Id);
    }

    [Fact]
    public async Task At_most_twenty_people_are_returned_and_an_empty_search_finds_nobody()
    {
        var tag = Tag();
        var viewer = await Host.CreateUserAsync("viewer");
        for (var i = 0; i < 22; i++) await PersonAsync("many", $"Crowd {tag} {i:00}");

        (await Directory.SearchAsync(viewer.Id, $"crowd {tag}")).Count.ShouldBe(UserDirectory.MaxResults);
        (await Directory.SearchAsync(viewer.Id, $"crowd {tag}", limit: 500)).Count.ShouldBe(20);
        (await Directory.SearchAsync(viewer.Id, $"crowd {tag}", limit: 3)).Select(p => p.DisplayName)
            .ShouldBe([$"Crowd {tag} 00", $"Crowd {tag} 01", $"Crowd {tag} 02"]);
        (await Directory.SearchAsync(viewer.Id, "   ")).ShouldBeEmpty();
        (await Directory.SearchAsync(viewer.Id, null)).ShouldBeEmpty();
    }
}
