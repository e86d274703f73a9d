using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// Typing in the composer: sending, ":name" emoji and "@name" mention suggestions driven from the
/// keyboard, and attaching files, on the real Core services. (chat.js turns Enter into a submit and
/// shortcuts.js turns Up in an empty box into the last own message's "Edit message"; the browser
/// tests cover those keys, these cover what the component does with them.)
/// </summary>
public sealed class ComposerTyping(SqliteChatHost fixture) : ComponentTest, IClassFixture<SqliteChatHost>
{
    private const string Box = "Message #general";
    private readonly List<ComposedMessage> _sent = [];

    private IRenderedComponent<Composer> Show(Guid? roomId = null, bool attachments = false) =>
        Render<Composer>(p => p
            .Add(c => c.Target, "#general")
            .Add(c => c.OnSend, (ComposedMessage message) => _sent.Add(message))
            .Add(c => c.RoomId, roomId)
            .Add(c => c.AllowAttachments, attachments));

    /// <summary>Types <paramref name="text"/> into the box, the caret after it.</summary>
    private void Type(IRenderedComponent<Composer> composer, string text)
    {
        JSInterop.Setup<int>("blazorChat.caret", _ => true).SetResult(text.Length);
        composer.ByRole("textbox", Box).Input(text);
    }

    private static void Press(IRenderedComponent<Composer> composer, string key, bool shift = false) =>
        composer.ByRole("textbox", Box).KeyDown(new KeyboardEventArgs { Key = key, ShiftKey = shift });

    private static string TextOf(IRenderedComponent<Composer> composer) => composer.ByRole("textbox", Box).GetAttribute("value") ?? "";

    [Fact]
    public void Sending_hands_over_the_trimmed_text_and_empties_the_box()
    {
        var composer = Show();
        composer.ByRole("textbox", Box).HasAttribute("data-enter-sends").ShouldBeTrue(); // chat.js: Enter submits, Shift+Enter is a new line

        Type(composer, "  first line\nsecond line  ");
        composer.ByRole("button", "Send").Closest("form")!.Submit();

        _sent.ShouldHaveSingleItem().Text.ShouldBe("first line\nsecond line");
        TextOf(composer).ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_box_sends_nothing()
    {
        var composer = Show();

        Type(composer, "   ");
        composer.ByRole("button", "Send").Closest("form")!.Submit();

        _sent.ShouldBeEmpty();
    }

    [Fact]
    public void A_shortcode_offers_emoji_and_the_arrow_keys_and_Enter_insert_one()
    {
        var composer = Show();
        var offered = EmojiCatalog.Search("ta", EmojiSuggestions.MaxShown);
        offered.Count.ShouldBeGreaterThan(1);

        Type(composer, "great :ta");

        var list = composer.ByRole("listbox", "Emoji suggestions");
        list.NamesOf("option").ShouldBe([.. offered.Select(e => $":{e.Name}:")]);
        composer.ByRole("textbox", Box).GetAttribute("aria-controls").ShouldBe(list.Id);
        Press(composer, "ArrowDown");
        composer.ByRole("listbox", "Emoji suggestions").AllByRole("option").Single(o => o.GetAttribute("aria-selected") == "true").Name().ShouldBe($":{offered[1].Name}:");
        composer.ByRole("textbox", Box).GetAttribute("aria-activedescendant").ShouldBe($"{list.Id}-1");
        Press(composer, "Enter");

        TextOf(composer).ShouldBe($"great {offered[1].Emoji} ");
        composer.AllByRole("listbox").ShouldBeEmpty();
        _sent.ShouldBeEmpty();
    }

    [Fact]
    public void Shift_Enter_and_Escape_do_not_choose_a_suggestion()
    {
        var composer = Show();
        Type(composer, ":ta");

        Press(composer, "Enter", shift: true);
        TextOf(composer).ShouldBe(":ta");
        composer.ByRole("listbox", "Emoji suggestions").ShouldNotBeNull();

        Press(composer, "Escape");
        composer.AllByRole("listbox").ShouldBeEmpty();
        TextOf(composer).ShouldBe(":ta");
    }

    [Fact]
    public async Task An_at_sign_offers_the_members_of_the_room_and_Enter_completes_the_name()
    {
        var (room, owner) = await fixture.Host.CreateChannelAsync($"general-{Guid.NewGuid():N}"[..20]);
        var anna = await fixture.Host.CreateUserAsync("anna");
        await fixture.Host.Rooms.JoinAsync(anna.Id, room.Id);
        UseCore(fixture.Host);
        SignIn(owner.Id, owner.UserName!);
        var composer = Show(room.Id);

        Type(composer, "thanks @an");

        composer.WaitForAssertion(() => composer.ByRole("listbox", "Mention suggestions").NamesOf("option").ShouldContain(n => n.StartsWith($"@{anna.UserName}", StringComparison.Ordinal)));
        Press(composer, "Enter");
        TextOf(composer).ShouldBe($"thanks @{anna.UserName} ");
        composer.AllByRole("listbox").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_attached_file_shows_as_a_chip_and_goes_with_the_message()
    {
        var (room, owner) = await fixture.Host.CreateChannelAsync($"files-{Guid.NewGuid():N}"[..18]);
        UseCore(fixture.Host);
        SignIn(owner.Id, owner.UserName!);
        var composer = Show(room.Id, attachments: true);
        composer.ByRole("button", "Attach files").CannotBeUsed().ShouldBeFalse();

        composer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("the minutes", "minutes.txt"));

        composer.WaitForAssertion(() => composer.ByRole("list", "Files to send").ReadText().ShouldContain("minutes.txt"));
        composer.WaitForAssertion(() => composer.AllByRole("progressbar").ShouldBeEmpty());
        composer.ByRole("button", "Remove minutes.txt").ShouldNotBeNull();
        Type(composer, "notes attached");
        composer.ByRole("button", "Send").Closest("form")!.Submit();

        var sent = _sent.ShouldHaveSingleItem();
        sent.Text.ShouldBe("notes attached");
        sent.Files.ShouldHaveSingleItem().FileName.ShouldBe("minutes.txt");
        composer.AllByRole("list", "Files to send").ShouldBeEmpty();
    }
}
