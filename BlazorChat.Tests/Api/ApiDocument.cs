using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Api;

/// <summary>The OpenAPI document describes every endpoint, passes a real linter, and the docs page keeps the strict CSP.</summary>
public sealed class ApiDocument(SqliteApiApp fixture) : IClassFixture<SqliteApiApp>
{
    private ChatWebApplication App => fixture.App;

    private async Task<string> DocumentAsync()
    {
        using var http = ApiClient.Anonymous(App);
        var response = await http.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_document_lists_every_resource_with_bearer_security_and_problem_answers()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[]
                 {
                     "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/rooms", "/api/v1/rooms/directory",
                     "/api/v1/rooms/{roomId}", "/api/v1/rooms/{roomId}/join", "/api/v1/rooms/{roomId}/members",
                     "/api/v1/rooms/{roomId}/messages", "/api/v1/messages/{messageId}", "/api/v1/messages/{messageId}/reactions/{emoji}",
                     "/api/v1/messages/{messageId}/pin", "/api/v1/rooms/{roomId}/read-marker", "/api/v1/messages/{messageId}/thread",
                     "/api/v1/users/me", "/api/v1/tokens",
                 })
            paths.TryGetProperty(path, out _).ShouldBeTrue($"{path} is missing from the document");
        paths.EnumerateObject().ShouldAllBe(p => p.Name.StartsWith("/api/v1/"));

        var send = paths.GetProperty("/api/v1/rooms/{roomId}/messages").GetProperty("post");
        send.GetProperty("parameters").EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        foreach (var status in new[] { "201", "400", "401", "403", "404", "429" })
            send.GetProperty("responses").TryGetProperty(status, out _).ShouldBeTrue($"sendMessage does not declare {status}");
        send.GetProperty("security")[0].TryGetProperty("bearer", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("security")[0].EnumerateObject().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_document_passes_the_redocly_linter()
    {
        var redocly = Path.Combine(NodeTools.Directory, "node_modules", ".bin", "redocly");
        File.Exists(redocly).ShouldBeTrue($"{redocly} is missing: ./test.sh installs the node tools (npm ci in tools/node).");
        var file = Path.Combine(Path.GetTempPath(), $"blazorchat-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentAsync());
        try
        {
            var start = new ProcessStartInfo(redocly, ["lint", file, "--format", "stylish"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            lint.ExitCode.ShouldBe(0, $"redocly lint found errors:\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_docs_page_is_served_without_inline_script_under_the_strict_policy()
    {
        using var http = ApiClient.Anonymous(App);

        var response = await http.GetAsync("/api/docs");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelectorAll("script").ShouldAllBe(s => s.HasAttribute("src"));
        page.QuerySelector("h1")!.TextContent.ShouldBe("BlazorChat API");
        var script = await http.GetAsync(page.QuerySelector("script")!.GetAttribute("src"));
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
