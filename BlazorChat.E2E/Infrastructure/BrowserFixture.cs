namespace BlazorChat.E2E.Infrastructure;

/// <summary>One headless Debian Chromium for the whole run; each test gets fresh contexts (fresh cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("BLAZORCHAT_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium not found at {executable}. Run ./test.sh, which installs Debian's chromium.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Tests in this collection share the browser and one running server.</summary>
[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<ServerFixture>
{
    public const string Name = "chat";
}

/// <summary>A server shared by the tests of the collection; each test uses its own users and rooms.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    // Every test signs in from the same address: the API's login limit per address (tested in the
    // unit suite) would otherwise refuse the hub tests' sign-ins depending on their order.
    public AppServer Server { get; } = new(new Dictionary<string, string> { ["BlazorChat__Api__LoginAttemptsPerMinute"] = "1000" });

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
