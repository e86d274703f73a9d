using AngleSharp.Dom;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The composer is a labelled message box with a Send button; it stays disabled until the circuit is up.</summary>
public sealed class ComposerMarkup : ComponentTest
{
    private Bunit.IRenderedComponent<Composer> Show(bool disabled = false) =>
        Render<Composer>(p => p
            .Add(c => c.Target, "#general")
            .Add(c => c.OnSend, (ComposedMessage _) => { })
            .Add(c => c.Disabled, disabled));

    [Fact]
    public void The_message_box_is_a_text_box_named_after_the_target()
    {
        var composer = Show();

        var box = composer.ByRole("textbox", "Message #general");
        box.Closest("form").ShouldNotBeNull();
        box.LocalName.ShouldBe("textarea"); // several lines, Shift+Enter
    }

    [Fact]
    public void The_form_has_a_Send_submit_button()
    {
        // The icon is hidden from assistive technology, so the button is named "Send".
        var send = Show().ByRole("button", "Send");

        send.GetAttribute("type").ShouldBe("submit");
        send.Closest("form").ShouldNotBeNull();
    }

    [Fact]
    public void Before_the_page_is_interactive_the_box_and_the_button_are_disabled()
    {
        Interactive(false);

        var composer = Show(disabled: false);

        composer.ByRole("textbox", "Message #general").CannotBeUsed().ShouldBeTrue();
        composer.ByRole("button", "Send").CannotBeUsed().ShouldBeTrue();
    }

    [Fact]
    public void Once_interactive_the_box_and_the_button_are_enabled_unless_the_room_is_archived()
    {
        var composer = Show();
        composer.ByRole("textbox", "Message #general").CannotBeUsed().ShouldBeFalse();
        composer.ByRole("button", "Send").CannotBeUsed().ShouldBeFalse();

        composer.Render(p => p.Add(c => c.Disabled, true));

        composer.ByRole("textbox", "Message #general").CannotBeUsed().ShouldBeTrue();
        composer.ByRole("button", "Send").CannotBeUsed().ShouldBeTrue();
    }

    [Fact]
    public void No_character_counter_shows_for_an_empty_message()
    {
        var composer = Show();

        composer.FindAll(".composer-counter").ShouldBeEmpty();
        composer.ByRole("alert").TextContent.ShouldBeEmpty();
    }
}
