/* libFuzzer target: dom.c's direct HTML writer against libxml2's own on
 * any bytes: for every node of the parsed document, inner and outer, the
 * two must give the same bytes whenever the direct one takes the node. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dom.h"

static void compare(xmlDocPtr doc, xmlNodePtr n)
{
    for (int outer = 0; outer <= 1; outer++) {
        struct dom_buf a = {0}, b = {0};
        if (dom_html_direct(n, outer, &a) == 0) {
            dom_html_libxml2(doc, n, outer, &b);
            if (!a.oom && !b.oom && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
                abort();
        }
        dom_buf_free(&a);
        dom_buf_free(&b);
    }
}

static void compare_tree(xmlDocPtr doc, xmlNodePtr n, int depth)
{
    for (; n != NULL; n = n->next) {
        compare(doc, n);
        if (n->type == XML_ELEMENT_NODE && depth < 300)
            compare_tree(doc, n->children, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dom_trash trash = {0};
    xmlDocPtr doc = dom_parse((const char *)data, size, NULL);
    if (doc == NULL)
        return 0;
    compare(doc, (xmlNodePtr)doc);
    compare_tree(doc, doc->children, 0);
    dom_free(doc, &trash);
    return 0;
}
