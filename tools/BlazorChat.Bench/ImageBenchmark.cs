using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Images;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace BlazorChat.Bench;

/// <summary>
/// CPU time of the image pipeline on a camera-sized photo (4000×3000 JPEG, gradients with grain,
/// about 5 MB at quality 90): a 400 px WebP thumbnail alone (decode, resize, encode), and a whole
/// upload as <see cref="ImagePipeline.ProcessAsync"/> does it (original re-encoded, 300×300
/// thumbnail, 800-wide preview). One core per image, as in the server; median of the runs after
/// two warm-ups.
/// </summary>
internal static class ImageBenchmark
{
    public static async Task<string> RunAsync(int iterations)
    {
        var folder = Directory.CreateTempSubdirectory("blazorchat-bench-images-").FullName;
        try
        {
            var photo = Path.Combine(folder, "photo.jpg");
            WritePhoto(photo, 4000, 3000);
            var options = Options.Create(new ImageOptions { MaxConcurrent = 1 });
            using var slots = new ImageSlots(options);
            var pipeline = new ImagePipeline(options, slots);
            var configuration = Configuration.Default.Clone();
            configuration.MaxDegreeOfParallelism = 1;

            var thumbnail = await MeasureAsync(iterations, async _ =>
            {
                using var image = await Image.LoadAsync<Rgba32>(configuration, photo);
                image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(400, 400), Mode = ResizeMode.Max }));
                await image.SaveAsync(Stream.Null, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 80 });
            });
            var header = await pipeline.ReadHeaderAsync(photo);
            var upload = await MeasureAsync(iterations, async run =>
            {
                var work = Directory.CreateDirectory(Path.Combine(folder, $"run{run}")).FullName;
                await pipeline.ProcessAsync(photo, header, ImageFormat.Jpeg, work);
            });

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"photo: 4000×3000 JPEG, {new FileInfo(photo).Length / 1024.0 / 1024:0.0} MB; {iterations} runs each, CPU ms (median, min, max)");
            report.AppendLine(CultureInfo.InvariantCulture, $"400 px WebP thumbnail:           {thumbnail}");
            report.AppendLine(CultureInfo.InvariantCulture, $"upload (original, thumb, preview): {upload}");
            return report.ToString();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> MeasureAsync(int iterations, Func<int, Task> run)
    {
        var process = Process.GetCurrentProcess();
        var times = new List<double>();
        for (var i = -2; i < iterations; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            await run(i + 2);
            process.Refresh();
            if (i >= 0) times.Add((process.TotalProcessorTime - before).TotalMilliseconds);
        }
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2]:0}, {times[0]:0}, {times[^1]:0}");
    }

    // Smooth gradients with a little grain compress like a photo (random noise would not).
    private static void WritePhoto(string path, int width, int height)
    {
        var random = new Random(4000);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            var grain = new byte[width * 3];
            for (var y = 0; y < rows.Height; y++)
            {
                random.NextBytes(grain);
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x * 191 / width + (grain[3 * x] >> 2)), (byte)(y * 191 / height + (grain[3 * x + 1] >> 2)),
                        (byte)(96 + (grain[3 * x + 2] >> 2)));
                }
            }
        });
        image.SaveAsJpeg(path, new JpegEncoder { Quality = 90 });
    }
}
