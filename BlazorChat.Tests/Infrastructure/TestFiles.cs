using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>What a test can tell about an image file: its format and size, and the metadata found in it.</summary>
/// <param name="Format">ImageSharp's name for it: <c>JPEG</c>, <c>PNG</c>, <c>GIF</c>, <c>Webp</c>.</param>
/// <param name="Width">Pixels across.</param>
/// <param name="Height">Pixels down (one frame).</param>
/// <param name="Frames">1 for a still picture.</param>
/// <param name="Metadata">What it carries besides pixels: <c>EXIF</c>, <c>GPS</c>, <c>Artist</c>, <c>XMP</c>, <c>IPTC</c>, <c>ICC</c>, <c>PNG text</c>, <c>GIF comment</c>.</param>
public sealed record ImageFacts(string Format, int Width, int Height, int Frames, IReadOnlyList<string> Metadata);

/// <summary>
/// Real files for upload tests, made on the spot: images drawn with ImageSharp (noise, so the
/// encoders have something real to compress; a photo with a camera's EXIF, GPS included), and the
/// files no tool would make on purpose (a header that lies about its size) written byte by byte.
/// </summary>
public static class TestFiles
{
    /// <summary>The photographer named in every metadata block of <see cref="PhotoWithGpsAndArtist"/>; never to be found in a stored file.</summary>
    public const string Artist = "Ada Photographer";

    /// <summary>An image of <paramref name="width"/>×<paramref name="height"/> in the format its extension names.</summary>
    public static byte[] Image(string extension, int width, int height)
    {
        using var image = Noise(width, height);
        return Encode(image, extension);
    }

    /// <summary>
    /// A photo as a phone writes it: EXIF with GPS (48°51'30"N 2°17'40"E) and Artist, XMP naming
    /// the creator and the position, and for JPEG also IPTC and an ICC profile; GIF, which carries
    /// no EXIF, gets the same in XMP and a comment. Optionally an EXIF orientation.
    /// </summary>
    public static byte[] PhotoWithGpsAndArtist(string extension, int width = 640, int height = 480, ushort orientation = 1)
    {
        using var image = Noise(width, height);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Artist, Artist);
        exif.SetValue(ExifTag.Make, "TestPhone");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(48, 1), new Rational(51, 1), new Rational(30, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(2, 1), new Rational(17, 1), new Rational(40, 1)]);
        if (orientation != 1) exif.SetValue(ExifTag.Orientation, orientation);
        image.Metadata.ExifProfile = exif;
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>" +
            "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:exif='http://ns.adobe.com/exif/1.0/' " +
            $"dc:creator='{Artist}' exif:GPSLatitude='48,51.5N' exif:GPSLongitude='2,17.67E'/></rdf:RDF></x:xmpmeta>"));
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.Byline, Artist);
        image.Metadata.IptcProfile = iptc;
        image.Metadata.IccProfile = new IccProfile(MinimalIccProfile());
        image.Metadata.GetGifMetadata().Comments.Add($"Artist: {Artist}, 48°51'30\"N 2°17'40\"E");
        return Encode(image, extension);
    }

    /// <summary>An animated GIF of <paramref name="frames"/> different frames.</summary>
    public static byte[] AnimatedGif(int frames, int width = 64, int height = 48)
    {
        using var image = Noise(width, height, seed: 0);
        for (var i = 1; i < frames; i++)
        {
            using var frame = Noise(width, height, seed: i);
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }
        return Encode(image, ".gif");
    }

    /// <summary>Reads <paramref name="bytes"/> with ImageSharp, every frame and every metadata block it knows.</summary>
    public static ImageFacts Describe(byte[] bytes)
    {
        using var image = SixLabors.ImageSharp.Image.Load(bytes, out IImageFormat format);
        var found = new List<string>();
        var profiles = image.Frames.Select(f => (f.Metadata.ExifProfile, f.Metadata.XmpProfile, f.Metadata.IptcProfile, f.Metadata.IccProfile))
            .Prepend((image.Metadata.ExifProfile, image.Metadata.XmpProfile, image.Metadata.IptcProfile, image.Metadata.IccProfile));
        foreach (var (exif, xmp, iptc, icc) in profiles)
        {
            if (exif is not null)
            {
                found.Add("EXIF");
                if (exif.Values.Any(v => v.Tag.ToString().StartsWith("GPS", StringComparison.Ordinal))) found.Add("GPS");
                if (exif.GetValue(ExifTag.Artist) is not null) found.Add("Artist");
            }
            if (xmp is not null) found.Add("XMP");
            if (iptc is not null) found.Add("IPTC");
            if (icc is not null) found.Add("ICC");
        }
        if (image.Metadata.GetPngMetadata().TextData.Count > 0) found.Add("PNG text");
        if (image.Metadata.GetGifMetadata().Comments.Count > 0) found.Add("GIF comment");
        return new ImageFacts(format.Name, image.Width, image.Height, image.Frames.Count, [.. found.Distinct()]);
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

    /// <summary>
    /// A GIF whose screen is <paramref name="width"/>×<paramref name="height"/> with <paramref name="frames"/>
    /// frames of one pixel each: a few hundred bytes that a decoder would turn into full-size frames.
    /// </summary>
    public static byte[] GifClaiming(int width, int height, int frames)
    {
        var gif = new List<byte>("GIF89a"u8.ToArray());
        gif.AddRange([.. U16(width), .. U16(height), 0x80, 0, 0]);     // global colour table of two colours
        gif.AddRange([0, 0, 0, 255, 255, 255]);
        for (var i = 0; i < frames; i++)
        {
            gif.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]);           // a 1×1 frame at the top left
            gif.AddRange([2, 2, 0x44, 0x01, 0]);                       // its one pixel, LZW-coded
        }
        gif.Add(0x3B);
        return [.. gif];
    }

    /// <summary>The start of an animated WebP (extended header with the animation flag, then ANIM and a frame), as phones and Telegram make them.</summary>
    public static byte[] AnimatedWebP(int width, int height)
    {
        var body = new List<byte>("WEBP"u8.ToArray());
        body.AddRange([.. "VP8X"u8.ToArray(), .. U32(10), 0x02, 0, 0, 0, .. U24(width - 1), .. U24(height - 1)]);
        body.AddRange([.. "ANIM"u8.ToArray(), .. U32(6), 0, 0, 0, 0, 0, 0]);
        body.AddRange([.. "ANMF"u8.ToArray(), .. U32(16), .. new byte[16]]);
        return [.. "RIFF"u8.ToArray(), .. U32(body.Count), .. body];
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    // A display profile's 128-byte header and an empty tag table: enough for a decoder to keep it as the ICC profile.
    private static byte[] MinimalIccProfile()
    {
        var profile = new byte[132];
        BinaryPrimitives.WriteUInt32BigEndian(profile, (uint)profile.Length);
        BinaryPrimitives.WriteUInt32BigEndian(profile.AsSpan(8), 0x02100000);
        "mntrRGB XYZ "u8.CopyTo(profile.AsSpan(12));
        "acsp"u8.CopyTo(profile.AsSpan(36));
        return profile;
    }

    private static Image<Rgb24> Noise(int width, int height, int seed = 42)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++) random.NextBytes(MemoryMarshal.AsBytes(rows.GetRowSpan(y)));
        });
        return image;
    }

    private static byte[] Encode(Image image, string extension)
    {
        IImageEncoder encoder = extension.ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => new JpegEncoder { Quality = 90 },
            ".png" => new PngEncoder(),
            ".gif" => new GifEncoder(),
            ".webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossy },
            _ => throw new ArgumentException($"No test images as {extension}.", nameof(extension)),
        };
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

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
    private static byte[] U24(int value) => U32(value)[..3];
    private static byte[] U32(int value) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, value); return b; }
    private static byte[] U32BigEndian(int value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, (uint)value); return b; }
}
