using System.Net;
using BlazorChat.Core.Data;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Operations;

/// <summary>
/// Nodes behind a load balancer share the data-protection keys through the database, so a person
/// signed in on one node is still signed in when the next request lands on another.
/// </summary>
public sealed class SharedSignInKeys : IAsyncLifetime
{
    private readonly TempDataDirectory _firstData = new();
    private readonly TempDataDirectory _secondData = new();
    private PostgresDatabase _database = default!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync("sharedkeys");

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _firstData.Dispose();
        _secondData.Dispose();
    }

    private ChatWebApplication Node(TempDataDirectory dataDirectory) => new(new Dictionary<string, string?>
    {
        ["BlazorChat:DataDirectory"] = dataDirectory.Path,
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Chat"] = _database.ConnectionString,
    });

    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_node_is_accepted_by_another_node_on_the_same_database()
    {
        await using var first = Node(_firstData);
        await using var second = Node(_secondData);
        var user = await ApiClient.RegisterAsync(first, "roamer");

        using var onFirst = first.CreateSession();
        var form = await onFirst.GetAsync("/Account/Login");
        var signedIn = await onFirst.SubmitAsync(form, "login", new Dictionary<string, string> { ["Input.Login"] = user.UserName!, ["Input.Password"] = ChatTestHost.Password });
        signedIn.Status.ShouldBe(HttpStatusCode.Redirect);
        var cookie = WebSession.CookiesSetBy(signedIn.Response)[WebSession.AuthCookie];

        using var onSecond = second.CreateSession();
        onSecond.Client.DefaultRequestHeaders.Add("Cookie", $"{WebSession.AuthCookie}={cookie}");
        var home = await onSecond.GetAsync("/");

        home.Status.ShouldBe(HttpStatusCode.OK, "the second node should accept the first node's sign-in");
        home.Document.QuerySelector(".account-name").ShouldNotBeNull().TextContent.ShouldBe(user.UserName);
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        (await db.DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
        Directory.Exists(Path.Combine(_firstData.Path, "keys")).ShouldBeFalse("keys are kept in the database, not in a node's data directory");
    }
}
