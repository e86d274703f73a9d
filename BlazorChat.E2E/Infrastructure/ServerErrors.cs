using Xunit.Abstractions;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>Writes the server's error lines to a test's output, to explain a page that did not appear.</summary>
public static class ServerErrors
{
    /// <summary>Use as an exception filter (<c>catch when (ServerErrors.Report(...))</c>): reports and lets the exception go on.</summary>
    public static bool Report(AppServer server, ITestOutputHelper output)
    {
        foreach (var line in server.Output.Split('\n')
                     .Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(60))
            output.WriteLine("server: " + line);
        return false;
    }
}
