using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using BlazorChat.Core.Attachments.Images;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// Real files for upload tests, made on the spot: images drawn by libvips itself, and the files no
/// tool would make on purpose (EXIF with GPS, a header that lies about its size) written byte by byte.
/// </summary>
public static class TestFiles
{
    /// <summary>An image of <paramref name="width"/>×<paramref name="height"/> written by <c>vips</c> in the format its extension names.</summary>
    public static async Task<byte[]> VipsImageAsync(string extension, int width, int height)
    {
        var folder = Path.Combine(Path.GetTempPath(), "blazorchat-testfiles", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "image" + extension);
            // Noise, so the encoders have something real to compress.
            var result = await ProcessRunner.RunAsync("vips", ["gaussnoise", path, $"{width}", $"{height}"], TimeSpan.FromSeconds(30));
            if (!result.Succeeded) throw new InvalidOperationException($"vips gaussnoise failed: {result.StandardError}");
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What libvips reads from the header of <paramref name="bytes"/>: every field, as <c>vipsheader -a</c> prints them.</summary>
    public static async Task<string> HeaderFieldsAsync(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"blazorchat-header-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var result = await ProcessRunner.RunAsync("vipsheader", ["-a", path], TimeSpan.FromSeconds(30));
            return result.Succeeded ? result.StandardOutput : throw new InvalidOperationException($"vipsheader failed: {result.StandardError}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A JPEG carrying an EXIF block whose GPS tags say 48°51'30"N, as a phone camera would write it.</summary>
    public static async Task<byte[]> JpegWithGpsAsync(int width = 640, int height = 480)
    {
        var jpeg = await VipsImageAsync(".jpg", width, height);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(U32(8));                                   // IFD0 at 8
        tiff.AddRange(U16(1));                                   // one entry: the GPS IFD pointer
        tiff.AddRange([.. U16(0x8825), .. U16(4), .. U32(1), .. U32(26)]);
        tiff.AddRange(U32(0));                                   // no next IFD
        tiff.AddRange(U16(2));                                   // GPS IFD at 26: two entries
        tiff.AddRange([.. U16(0x0001), .. U16(2), .. U32(2), (byte)'N', 0, 0, 0]);            // GPSLatitudeRef "N"
        tiff.AddRange([.. U16(0x0002), .. U16(5), .. U32(3), .. U32(26 + 2 + 24 + 4)]);      // GPSLatitude, 3 rationals
        tiff.AddRange(U32(0));
        foreach (var value in new uint[] { 48, 51, 30 }) tiff.AddRange([.. U32(value), .. U32(1)]);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new List<byte> { 0xFF, 0xE1 };
        segment.AddRange(U16BigEndian(payload.Length + 2));
        segment.AddRange(payload);
        // Right after the SOI marker, where cameras put it.
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The same picture in another format, converted by <c>vips copy</c> (which keeps the EXIF of a WebP).</summary>
    public static async Task<byte[]> ConvertAsync(byte[] bytes, string fromExtension, string toExtension)
    {
        var folder = Path.Combine(Path.GetTempPath(), "blazorchat-testfiles", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in" + fromExtension);
            var output = Path.Combine(folder, "out" + toExtension);
            await File.WriteAllBytesAsync(input, bytes);
            var result = await ProcessRunner.RunAsync("vips", ["copy", input, output], TimeSpan.FromSeconds(30));
            if (!result.Succeeded) throw new InvalidOperationException($"vips copy failed: {result.StandardError}");
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A valid PNG header claiming <paramref name="width"/>×<paramref name="height"/> pixels with a
    /// few bytes of image data: a "pixel flood" that would need gigabytes to decode.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        png.AddRange(Chunk("IHDR", [.. U32BigEndian(width), .. U32BigEndian(height), 8, 2, 0, 0, 0]));
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize)) zlib.Write(new byte[4096]);
        png.AddRange(Chunk("IDAT", compressed.ToArray()));
        png.AddRange(Chunk("IEND", []));
        return [.. png];
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var crc = Crc32([.. typeBytes, .. data]);
        return [.. U32BigEndian(data.Length), .. typeBytes, .. data, .. U32BigEndian((int)crc)];
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few bytes per test file.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] U16(int value) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value); return b; }
    private static byte[] U32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); return b; }
    private static byte[] U16BigEndian(int value) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value); return b; }
    private static byte[] U32BigEndian(int value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, (uint)value); return b; }
}
