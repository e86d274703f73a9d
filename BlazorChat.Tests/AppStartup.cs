using System.Net;
using BlazorChat.Core.Data;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests;

/// <summary>The app starts on an empty database, migrates and seeds it, reports itself live and guards its pages.</summary>
public abstract class AppStartup(WebAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    [Fact]
    public async Task Starting_migrates_the_database_and_seeds_the_site_roles()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
        (await db.Roles.Select(r => r.Name).ToListAsync()).Order().ShouldBe(SiteRoles.All.Order());
        db.Database.ProviderName.ShouldEndWith(fixture.Database == TestDatabase.Postgres ? "PostgreSQL" : "Sqlite");
    }

    [Fact]
    public async Task The_liveness_check_answers_200()
    {
        using var session = App.CreateSession();

        var response = await session.Client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_readiness_check_answers_200_when_the_database_is_reachable()
    {
        using var session = App.CreateSession();

        var response = await session.Client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task An_anonymous_visitor_of_the_home_page_is_sent_to_the_login_page()
    {
        using var session = App.CreateSession();

        var response = await session.Client.GetAsync("/");

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Found);
        var location = new Uri(session.Client.BaseAddress!, response.Headers.Location!);
        location.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task Pages_are_served_with_a_strict_content_security_policy()
    {
        using var session = App.CreateSession();

        var response = await session.Client.GetAsync("/Account/Login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("object-src 'none'");
        policy.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }
}

public sealed class AppStartup_on_Sqlite(SqliteWebApp fixture) : AppStartup(fixture), IClassFixture<SqliteWebApp>;

public sealed class AppStartup_on_Postgres(PostgresWebApp fixture) : AppStartup(fixture), IClassFixture<PostgresWebApp>;
