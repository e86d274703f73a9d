using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>What a finished command printed and how it ended.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>A command failed, ran too long or could not be started.</summary>
public sealed class ProcessFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs an external program with an argument list (never a shell string, so a file name can never
/// become a command), a time limit after which the whole process tree is killed, and bounded
/// capture of what it prints.
/// </summary>
public static class ProcessRunner
{
    private const int MaxCapturedChars = 64 * 1024;

    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ProcessFailedException($"{Path.GetFileName(program)} could not be started: {ex.Message}", ex);
        }
        process.StandardInput.Close();
        var stdout = ReadBoundedAsync(process.StandardOutput);
        var stderr = ReadBoundedAsync(process.StandardError);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it ended meanwhile */ }
            ct.ThrowIfCancellationRequested();
            throw new ProcessFailedException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    // Reads everything (so the program never blocks on a full pipe) but keeps only the start.
    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (kept.Length < MaxCapturedChars) kept.Append(buffer, 0, Math.Min(read, MaxCapturedChars - kept.Length));
        }
        return kept.ToString();
    }
}
