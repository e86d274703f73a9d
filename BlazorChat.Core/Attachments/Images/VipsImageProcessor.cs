using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>
/// The image pipeline on libvips' command-line tools (Debian <c>libvips-tools</c>): <c>vipsheader</c>
/// reads the header, <c>vips thumbnail</c> and <c>vips copy</c> re-encode with <c>strip</c>, which
/// drops EXIF, GPS, XMP and comments (WebP goes through a stripped PNG: see <see cref="SaveWebPAsync"/>). Each command runs with a time limit, one worker thread and
/// libvips' untrusted loaders blocked, under a memory cap (<c>prlimit</c>); only the loaders of
/// the four accepted formats are used.
/// </summary>
public sealed class VipsImageProcessor(IOptions<ImageOptions> options, ILogger<VipsImageProcessor> logger) : IImageProcessor
{
    private static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["VIPS_CONCURRENCY"] = "1",
        ["VIPS_BLOCK_UNTRUSTED"] = "1",
        ["VIPS_WARNING"] = "0",
    };

    private readonly string? _vips = Find(options.Value.VipsDirectory, "vips");
    private readonly string? _vipsheader = Find(options.Value.VipsDirectory, "vipsheader");
    private readonly TimeSpan _timeout = options.Value.CommandTimeout;
    private readonly long _memoryLimit = options.Value.MemoryLimitBytes;
    private readonly string? _prlimit = Find(null, "prlimit");

    public bool IsAvailable => _vips is not null && _vipsheader is not null;

    public async Task<string> DescribeAsync(CancellationToken ct = default)
    {
        if (!IsAvailable) return "libvips (vips, vipsheader) is not installed; images are stored without thumbnails.";
        var result = await RunAsync(_vips!, ["--version"], ct);
        return result.StandardOutput.Trim();
    }

    public async Task<ImageHeader> ReadHeaderAsync(string path, CancellationToken ct = default)
    {
        var result = await RunAsync(Require(_vipsheader), ["-a", path], ct);
        if (!result.Succeeded) throw new ImageProcessingException("The image header could not be read.");
        var fields = result.StandardOutput.Split('\n')
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
        int Number(string name, int fallback) =>
            fields.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var width = Number("width", -1);
        var height = Number("height", -1);
        if (width <= 0 || height <= 0) throw new ImageProcessingException("The image header has no size.");
        return new ImageHeader(width, height, Math.Max(1, Number("n-pages", 1)), fields.GetValueOrDefault("vips-loader") ?? "");
    }

    public async Task<ProcessedImage> ProcessAsync(string path, ImageFormat format, string workDirectory, CancellationToken ct = default)
    {
        var original = Path.Combine(workDirectory, "original" + FileSignature.ExtensionOf(format));
        if (format == ImageFormat.Gif)
        {
            // Every frame, so an animation stays animated; re-encoding drops trailing bytes and comments.
            await RunCheckedAsync(["copy", $"{path}[n=-1]", $"{original}[strip]"], ct);
        }
        else if (format == ImageFormat.WebP)
        {
            await SaveWebPAsync(["thumbnail", path, "{0}", "4096", "--height", "4096", "--size", "down"], original, 85, workDirectory, ct);
        }
        else
        {
            // thumbnail applies the EXIF orientation before strip removes it; "down" never enlarges.
            var quality = format == ImageFormat.Png ? "" : "Q=85,";
            await RunCheckedAsync(["thumbnail", path, $"{original}[{quality}strip]", "4096", "--height", "4096", "--size", "down"], ct);
        }
        var header = await ReadHeaderAsync(original, ct);

        // Made from the re-encoded original, which no longer carries metadata.
        var thumbnail = Path.Combine(workDirectory, "thumb.webp");
        await RunCheckedAsync(["thumbnail", original, $"{thumbnail}[Q=80]", "300", "--height", "300", "--crop", "centre", "--size", "down"], ct);
        var preview = Path.Combine(workDirectory, "preview.webp");
        await RunCheckedAsync(["thumbnail", original, $"{preview}[Q=80]", "800", "--height", "4096", "--size", "down"], ct);
        return new ProcessedImage(original, header.Width, header.Height, header.Pages > 1, thumbnail, preview);
    }

    public async Task<string> SquareAsync(string path, int size, string workDirectory, CancellationToken ct = default)
    {
        var output = Path.Combine(workDirectory, "square.webp");
        var edge = size.ToString(CultureInfo.InvariantCulture);
        await SaveWebPAsync(["thumbnail", path, "{0}", edge, "--height", edge, "--crop", "centre"], output, 85, workDirectory, ct);
        return output;
    }

    /// <summary>
    /// Runs a command whose "{0}" output becomes <paramref name="output"/> as WebP without metadata.
    /// libvips 8.14's webpsave ignores <c>strip</c> (EXIF and GPS would survive), so the command
    /// writes a stripped PNG first, and the WebP is encoded from that, which carries nothing.
    /// </summary>
    private async Task SaveWebPAsync(string[] command, string output, int quality, string workDirectory, CancellationToken ct)
    {
        var clean = Path.Combine(workDirectory, $"clean-{Guid.NewGuid():N}.png");
        await RunCheckedAsync([.. command.Select(a => a == "{0}" ? $"{clean}[strip,compression=1]" : a)], ct);
        await RunCheckedAsync(["copy", clean, $"{output}[Q={quality.ToString(CultureInfo.InvariantCulture)},strip]"], ct);
        File.Delete(clean);
    }

    private async Task RunCheckedAsync(string[] arguments, CancellationToken ct)
    {
        var result = await RunAsync(Require(_vips), arguments, ct);
        if (!result.Succeeded)
        {
            logger.LogWarning("vips {Command} failed ({ExitCode}): {Error}", arguments[0], result.ExitCode, result.StandardError.Trim());
            throw new ImageProcessingException("The image could not be processed.");
        }
    }

    private async Task<ProcessResult> RunAsync(string program, string[] arguments, CancellationToken ct)
    {
        // util-linux prlimit caps the command's address space; where it is missing, the header
        // check before any decoding is the bound.
        if (_prlimit is not null && _memoryLimit > 0)
        {
            arguments = [$"--as={_memoryLimit.ToString(CultureInfo.InvariantCulture)}", "--", program, .. arguments];
            program = _prlimit;
        }
        try
        {
            return await ProcessRunner.RunAsync(program, arguments, _timeout, Environment, ct);
        }
        catch (ProcessFailedException ex)
        {
            throw new ImageProcessingException(ex.Message, ex);
        }
    }

    private static string Require(string? program) =>
        program ?? throw new ImageProcessingException("Image processing is not available on this server.");

    private static string? Find(string? directory, string name)
    {
        var folders = string.IsNullOrWhiteSpace(directory)
            ? (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [directory];
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }
}
