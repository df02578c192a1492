select to_regtype('price_multirange') is not null and to_regtype('floor_spans') is not null
   and to_regtype('old_range') is null
