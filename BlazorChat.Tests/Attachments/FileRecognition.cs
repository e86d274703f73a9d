using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;

namespace BlazorChat.Tests.Attachments;

/// <summary>What a file is comes from its bytes; its name is display text, cleaned of anything that could mislead.</summary>
public sealed class FileRecognition
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "x.bin", "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "photo.txt", "image/png")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "a.gif", "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "a.webp", "image/webp")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 }, "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 }, "bundle.zip", "application/zip")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 }, "app.jar", "application/zip")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "old.xls", "application/vnd.ms-excel")]
    public void Accepted_kinds_are_recognised_by_their_magic_bytes(byte[] head, string name, string contentType)
    {
        FileSignature.Detect(head, name).ContentType.ShouldBe(contentType);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "setup.msi")]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0 }, "notes.txt")]
    [InlineData(new byte[] { (byte)'<', (byte)'s', (byte)'v', (byte)'g' }, "logo.svg")]
    [InlineData(new byte[] { (byte)'h', (byte)'i' }, "page.html")]
    [InlineData(new byte[] { (byte)'h', (byte)'i', 0, 0 }, "nul.txt")]
    public void Everything_else_is_refused(byte[] head, string name)
    {
        Should.Throw<ChatValidationException>(() => FileSignature.Detect(head, name));
    }

    [Theory]
    [InlineData("C:\\Users\\me\\Desktop\\plan.pdf", "plan.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("invoice\u202Egpj.exe", "invoicegpj.exe")]
    [InlineData("a\"b<c>|d?.txt", "a_b_c__d_.txt")]
    [InlineData("line\r\nbreak.txt", "linebreak.txt")]
    [InlineData(".hidden", "hidden")]
    [InlineData("   ", "file")]
    [InlineData("résumé 😀.txt", "résumé 😀.txt")]
    public void File_names_are_cleaned_for_display(string given, string shown)
    {
        FileNames.Sanitize(given).ShouldBe(shown);
    }

    [Fact]
    public void A_very_long_name_keeps_its_extension()
    {
        var name = FileNames.Sanitize(new string('a', 400) + ".pdf");

        name.Length.ShouldBe(FileNames.MaxLength);
        name.ShouldEndWith(".pdf");
    }
}
