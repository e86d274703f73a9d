using AngleSharp.Dom;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// Finds elements the way assistive technology (and Playwright's GetByRole) sees them: by role and
/// accessible name. Component tests query through these so they keep passing when the markup
/// under a control changes (a native button becomes a MudBlazor one, a label moves), as long as
/// the test contract of PRODUCT.md holds.
/// </summary>
public static class Accessible
{
    /// <summary>The element's role: its <c>role</c> attribute, else the implicit role of its tag.</summary>
    public static string? Role(this IElement element)
    {
        if (element.GetAttribute("role") is { Length: > 0 } role) return role.Split(' ')[0];
        return element.LocalName switch
        {
            "button" => "button",
            "a" when element.HasAttribute("href") => "link",
            "textarea" => "textbox",
            "input" => (element.GetAttribute("type") ?? "text").ToLowerInvariant() switch
            {
                "search" => "searchbox",
                "checkbox" => "checkbox",
                "radio" => "radio",
                "button" or "submit" or "reset" => "button",
                "file" or "hidden" => null,
                _ => "textbox",
            },
            "select" => "combobox",
            "article" => "article",
            "form" => "form",
            "dialog" => "dialog",
            "ul" or "ol" => "list",
            "li" => "listitem",
            "blockquote" => "blockquote",
            "time" => "time",
            "progress" => "progressbar",
            _ => null,
        };
    }

    /// <summary>
    /// The accessible name: <c>aria-labelledby</c>, <c>aria-label</c>, the label of a form field,
    /// else (for buttons, links, options, tabs) the text that is not hidden from assistive technology, else the title.
    /// </summary>
    public static string Name(this IElement element)
    {
        if (element.GetAttribute("aria-labelledby") is { Length: > 0 } labelledBy)
            return Collapse(string.Join(' ', labelledBy.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(id => Top(element).QuerySelector($"[id='{id}']") is { } label ? label.GetAttribute("aria-label") ?? VisibleText(label) : "")));
        if (element.GetAttribute("aria-label") is { Length: > 0 } label) return Collapse(label);
        if (element.LocalName is "input" or "textarea" or "select")
        {
            var forLabel = element.Id is { Length: > 0 } id ? Top(element).QuerySelector($"label[for='{id}']") : null;
            if ((forLabel ?? element.Closest("label")) is { } fieldLabel) return Collapse(VisibleText(fieldLabel));
        }
        else if (element.Role() is "button" or "link" or "option" or "tab" or "menuitem" or "heading" or "listitem"
                 && Collapse(VisibleText(element)) is { Length: > 0 } text)
        {
            return text;
        }
        return Collapse(element.GetAttribute("title") ?? "");
    }

    /// <summary>Every element with <paramref name="role"/> (and, when given, exactly the accessible <paramref name="name"/>), in document order.</summary>
    public static IReadOnlyList<IElement> AllByRole<T>(this IRenderedComponent<T> rendered, string role, string? name = null)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        Matching(rendered.FindAll("*"), role, name);

    /// <inheritdoc cref="AllByRole{T}(IRenderedComponent{T}, string, string?)"/>
    public static IReadOnlyList<IElement> AllByRole(this IElement root, string role, string? name = null) =>
        Matching(root.QuerySelectorAll("*"), role, name);

    /// <summary>The one element with <paramref name="role"/> and <paramref name="name"/>; fails listing what has that role.</summary>
    public static IElement ByRole<T>(this IRenderedComponent<T> rendered, string role, string? name = null)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        Single(rendered.FindAll("*"), role, name);

    /// <inheritdoc cref="ByRole{T}(IRenderedComponent{T}, string, string?)"/>
    public static IElement ByRole(this IElement root, string role, string? name = null) => Single(root.QuerySelectorAll("*"), role, name);

    /// <summary>The names of the elements with <paramref name="role"/> under <paramref name="root"/>, in order.</summary>
    public static List<string> NamesOf(this IElement root, string role) => [.. root.AllByRole(role).Select(Name)];

    /// <summary>True when the control cannot be used: disabled itself or <c>aria-disabled</c>.</summary>
    public static bool CannotBeUsed(this IElement element) =>
        element.HasAttribute("disabled") || element.GetAttribute("aria-disabled") == "true";

    /// <summary>The text a reader hears: hidden subtrees (<c>aria-hidden</c>) left out, whitespace collapsed.</summary>
    public static string ReadText(this IElement element) => Collapse(VisibleText(element));

    private static IReadOnlyList<IElement> Matching(IEnumerable<IElement> elements, string role, string? name) =>
        [.. elements.Where(e => e.Role() == role && (name is null || e.Name() == name))];

    private static IElement Single(IEnumerable<IElement> elements, string role, string? name)
    {
        var all = elements.ToList();
        var found = Matching(all, role, name);
        if (found.Count == 1) return found[0];
        var present = string.Join(", ", Matching(all, role, null).Select(e => $"\"{e.Name()}\""));
        throw new ShouldAssertException(found.Count == 0
            ? $"No {role} named \"{name}\"; the {role}s are: {(present.Length > 0 ? present : "none")}."
            : $"{found.Count} elements are {role} \"{name}\"; expected one.");
    }

    private static string VisibleText(INode node) => node switch
    {
        IElement e when e.GetAttribute("aria-hidden") == "true" || e.LocalName is "script" or "style" => "",
        IElement e => string.Concat(e.ChildNodes.Select(VisibleText)),
        _ => node.TextContent,
    };

    /// <summary>The outermost node the element hangs in (a rendered component's markup is a fragment, not a document).</summary>
    private static IParentNode Top(INode node)
    {
        while (node.Parent is { } parent) node = parent;
        return node as IParentNode ?? throw new InvalidOperationException("An element outside any parent node.");
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
