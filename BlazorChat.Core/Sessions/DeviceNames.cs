namespace BlazorChat.Core.Sessions;

/// <summary>"Firefox on Windows" from a User-Agent string: enough to recognise one's own devices, no more.</summary>
public static class DeviceNames
{
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Unknown browser";
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        if (browser is "Chrome" or "Chromium" && userAgent.Contains("HeadlessChrome", StringComparison.Ordinal)) browser = "Headless Chrome";
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "Unknown browser",
            (null, _) => $"A browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }
}
