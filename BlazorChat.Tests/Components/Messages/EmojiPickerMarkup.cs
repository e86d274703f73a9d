using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The emoji picker is a named dialog with a search box, category tabs and emoji buttons named by shortcode.</summary>
public sealed class EmojiPickerMarkup : ComponentTest
{
    private Bunit.IRenderedComponent<EmojiPicker> ShowPicker(string? label = null) =>
        Render<EmojiPicker>(p =>
        {
            p.Add(e => e.OnPick, (string _) => { }).Add(e => e.OnClose, () => { });
            if (label is not null) p.Add(e => e.Label, label);
        });

    [Fact]
    public void The_reaction_picker_is_a_dialog_with_a_labelled_search_box()
    {
        var dialog = ShowPicker().ByRole("dialog", "Pick a reaction");

        dialog.ByRole("searchbox", "Search emoji").ShouldNotBeNull();
    }

    [Fact]
    public void Categories_are_tabs_and_the_first_shows_the_frequently_used_emoji_by_shortcode()
    {
        var picker = ShowPicker("Insert emoji");

        var dialog = picker.ByRole("dialog", "Insert emoji");
        var tabs = dialog.ByRole("tablist").NamesOf("tab");
        tabs[0].ShouldBe("Frequently used");
        tabs.ShouldContain("Smileys");
        tabs.ShouldContain("Symbols");
        dialog.AllByRole("tab").Single(t => t.GetAttribute("aria-selected") == "true").Name().ShouldBe("Frequently used");
        var panel = dialog.ByRole("tabpanel", "Frequently used");
        panel.ByRole("button", "thumbsup").ReadText().ShouldBe("👍");
    }

    [Fact]
    public void The_composer_offers_Insert_emoji_beside_Send()
    {
        var composer = Render<Composer>(p => p.Add(c => c.Target, "#general").Add(c => c.OnSend, (ComposedMessage _) => { }));

        var button = composer.ByRole("button", "Insert emoji");
        button.Closest("form").ShouldNotBeNull();
        button.GetAttribute("aria-haspopup").ShouldBe("dialog");
    }
}
