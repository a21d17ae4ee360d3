"""GET /v1/legal-bases/{number}: a national legal document's reviewed card and the plans citing it.

`number` may be written any common way ("57-NQ/TW", "57/NQ-TW", "NQ57", "nghi quyet 57",
"Luật Căn cước"). A document the plans cite but that has no card yet returns what the registry
read in the plans (card: null) and a pointer to the official portal; an unknown one gets a
Vietnamese 404.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import EngineDep
from api.errors import error_response
from rag.legal_cards import PORTAL, fill_from_cards

router = APIRouter(prefix="/v1", tags=["targets"])
_MAX = 120


@router.get(
    "/legal-bases/{number:path}",
    summary="Thẻ văn bản pháp lý và các kế hoạch trích dẫn văn bản đó",
    response_model=None,
)
def legal_basis(number: str, engine: EngineDep) -> dict | JSONResponse:
    number = number.strip()
    if not number or len(number) > _MAX or "\x00" in number:
        return error_response(
            422, "invalid_request", f"Số hiệu văn bản không hợp lệ (tối đa {_MAX} ký tự)."
        )
    by_id = next((c for c in engine.legal.cards if c.doc_id == number), None)  # web page link
    found = engine.legal.resolve(by_id.number if by_id is not None else number)
    if found is None:
        return error_response(
            404,
            "unknown_legal_basis",
            f"Không có văn bản «{number}» trong các thẻ đã rà soát và trong các văn bản mà "
            f"kế hoạch trích dẫn. Tra cứu toàn văn tại {PORTAL}.",
        )
    registry = found.registry or {}
    if registry and found.card is not None:
        registry = fill_from_cards([registry], [found.card])[0]
    return {
        "number": found.number,
        "card": found.card.as_dict() if found.card is not None else None,
        "registry": {k: registry.get(k, "") for k in ("number", "type", "issuer", "date", "title")}
        if registry
        else None,
        "citing_plans": [
            {k: c.get(k, "") for k in ("commune", "doc_id", "section", "line", "quote")}
            for c in engine.legal.citing(found)
        ],
        "portal": PORTAL,
    }
